import sys

from ui.launch import main

sys.exit(main())
