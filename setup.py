"""Packaging step that pyproject.toml cannot say: ship resources/ inside the wheel.

resources/ stays at the top of the checkout (the app and the tests read it there); a wheel gets a
copy as ``paddledesk/resources`` which ``core.resources`` finds through importlib.resources.
"""

from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

RESOURCES = Path(__file__).resolve().parent / "resources"


class BuildPyWithResources(build_py):
    """build_py, plus resources/ copied to paddledesk/resources in the build folder."""

    def run(self):
        super().run()
        if getattr(self, "editable_mode", False):  # an editable install reads the checkout's resources/
            return
        target = Path(self.build_lib) / "paddledesk" / "resources"
        for source in sorted(RESOURCES.rglob("*")):
            if source.is_file() and "__pycache__" not in source.parts:
                self.mkpath(str(target / source.parent.relative_to(RESOURCES)))
                self.copy_file(str(source), str(target / source.relative_to(RESOURCES)))


setup(cmdclass={"build_py": BuildPyWithResources})
