import sys

from paddledesk.cli import main

sys.exit(main())
