"""`python -m newsarchive.cli ARGS` is `newsarchive ARGS`."""

from newsarchive.cli import main

main()
