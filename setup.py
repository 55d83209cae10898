"""Ship the top-level ``resources/`` folder inside the package, as ``peerdesk.resources``.

Everything else about the build is in pyproject.toml. This file exists for the one thing
pyproject.toml cannot say next to automatic package discovery: that a folder outside
``peerdesk/`` is a sub-package of it. Editable installs map it the same way.
"""

from setuptools import find_namespace_packages, setup

setup(
    packages=[*find_namespace_packages(include=["peerdesk", "peerdesk.*"]), "peerdesk.resources"],
    package_dir={"peerdesk.resources": "resources"},
)
