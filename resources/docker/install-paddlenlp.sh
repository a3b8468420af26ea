#!/bin/sh
# Install paddlenlp 2.8.1 into the base image under the pins of its Paddle major version, then
# check that it imports. Run by the Dockerfile; POSIX sh, since base images differ.
#   Paddle 2.x -> constraints-paddle2.txt (numpy 1: numpy 2 makes Paddle 2.6 crash on the first op)
#   Paddle 3.x -> constraints-paddle3.txt (numpy 1 or 2)
# PIP_INDEX_URL (a build arg): empty = pip's default index; else passed as --index-url.
set -eu
here=$(cd "$(dirname "$0")" && pwd)

if ! out=$(python -c "import paddle; print('PDK_PADDLE_VERSION', paddle.__version__)" 2>/dev/null); then
    echo "The base image has no working Paddle ('python -c \"import paddle\"' failed):" \
         "choose a PaddlePaddle image (paddlepaddle/paddle:...) as the base." >&2
    exit 1
fi
version=$(printf '%s\n' "$out" | sed -n 's/^PDK_PADDLE_VERSION //p' | tail -n 1)
case "$version" in
    2.*) major=2 ;;
    [3-9].*|0.0.0*) major=3 ;;  # 0.0.0 is a develop build: newer than any release
    *) echo "Paddle '$version' in the base image is not supported: choose a Paddle 2.6 or 3.x image." >&2; exit 1 ;;
esac
constraints="$here/constraints-paddle$major.txt"
export PDK_PADDLE_MAJOR=$major

# passes when paddlenlp 2.8.1 imports, with numpy 1 under Paddle 2
check='import os, numpy, paddle, paddlenlp
assert paddlenlp.__version__.startswith("2.8.1"), "paddlenlp " + paddlenlp.__version__
if os.environ["PDK_PADDLE_MAJOR"] == "2":
    assert numpy.__version__.startswith("1."), "numpy " + numpy.__version__ + " crashes Paddle 2"
print("paddle", paddle.__version__, "paddlenlp", paddlenlp.__version__, "numpy", numpy.__version__)'

# an offline build works when the base already has it (the CI stand-ins do)
if python -c "$check" >/dev/null 2>&1; then
    echo "paddlenlp 2.8.1 already in the base image (Paddle $version)"
else
    set --
    if [ -n "${PIP_INDEX_URL:-}" ]; then
        set -- --index-url "$PIP_INDEX_URL"
        case "$PIP_INDEX_URL" in
            http://*)  # pip refuses plain-HTTP indexes unless the host is trusted (a LAN mirror)
                host=${PIP_INDEX_URL#http://}; host=${host%%/*}; host=${host##*@}
                set -- "$@" --trusted-host "$host" ;;
        esac
    else
        unset PIP_INDEX_URL  # an empty value would reach pip as an empty index
    fi
    echo "installing paddlenlp 2.8.1 for Paddle $version under $(basename "$constraints")"
    python -m pip install --no-cache-dir --disable-pip-version-check "$@" -c "$constraints" paddlenlp==2.8.1
fi
python -c "$check"
