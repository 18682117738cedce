"""`python -m timeline` runs the command line."""

from timeline.cli import main

raise SystemExit(main())
