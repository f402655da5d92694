"""`python -m quotes` runs the command line."""
from .cli import app

app(prog_name="quotes")
