"""Docker support: find and check the engine (engine.py), pull/build/prune images (images.py), the
image catalogue and the choice for the GPUs (catalogue.py, choose.py), the doctor (doctor.py),
registries and mirrors (registries.py), images as files (transfer.py).

Everything here is blocking and meant to run in a worker thread; long operations report
through plain callbacks. Failures a user can act on raise ``core.runners.base.RunnerError``
with a ``kind`` (see ``ERROR_KINDS``) and a hint. ``docker`` itself is imported lazily.
"""

from __future__ import annotations

# RunnerError.kind values raised by core.docker and core.runners.docker
ERROR_KINDS = (
    "engine-not-running",  # no engine answers at the socket/URL
    "engine-permission",  # the socket exists but this user may not use it (docker group)
    "engine-error",  # the engine answered with an unexpected error
    "no-registry",  # an image must be pulled but no registry is reachable
    "image-missing",  # the trainer/base image is not on the engine
    "build-failed",  # building the trainer image failed (the last build lines are in the message)
    "nvidia-runtime-missing",  # GPUs asked but the engine cannot hand them to containers
    "oom-killed",  # the container was killed for host memory
    "exit-code",  # the trainer ended with a non-zero exit code (last log lines in the message)
    "bad-ref",  # a malformed image name (registries.check_image_ref says why)
    "bad-registry",  # a malformed custom registry address
    "not-an-image",  # a file to load that is not an image archive
    "file-error",  # an image file that cannot be read or written
    "cancelled",  # the user cancelled a pull, save or load
)
