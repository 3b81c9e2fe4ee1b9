"""One module per `toolkit` subcommand; each stays light to import (click only)."""
