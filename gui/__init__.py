"""PaddleDesk's desktop app (PySide6 + pyqtgraph): widgets only, the work is done by ``core``."""
