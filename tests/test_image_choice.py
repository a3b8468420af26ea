"""The image catalogue and the image choice: real GPU/driver pairs, a real H200 capture, the CLI."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from core.docker.catalogue import Catalogue, load_catalogue, version_tuple
from core.docker.choose import GpuFacts, Hardware, check_image, hardware_of, suggest_image
from core.gpu.model import Snapshot

FIXTURES = Path(__file__).parent / "fixtures" / "gpu"

# real cards and the compute capability NVIDIA lists for each
GPUS = {"T4": "7.5", "A100": "8.0", "RTX 3090": "8.6", "RTX 4090": "8.9", "H100": "9.0", "H200": "9.0",
        "RTX 5090": "12.0"}
DRIVERS = ["470.82.01", "525.60.13", "550.54.15", "580.95.05"]


def hw(cc: str, driver: str, name: str = "") -> Hardware:
    return Hardware([GpuFacts(0, name, cc)], driver)


@pytest.mark.parametrize("driver", DRIVERS)
@pytest.mark.parametrize("card", list(GPUS))
def test_the_suggested_image_runs_the_card_on_the_driver_or_the_refusal_names_the_fix(card, driver):
    cc = GPUS[card]
    suggestion = suggest_image(hw(cc, driver, card))
    image = suggestion.image
    if image is None:
        refusal = next(r for r in suggestion.reasons if r.startswith("no image in the catalogue fits"))
        assert "update the NVIDIA driver to" in refusal or "train on the CPU" in refusal
        return
    assert image.is_gpu and image.has_kernels_for(cc)
    assert version_tuple(driver) >= version_tuple(image.min_driver)
    if cc.startswith(("9.", "10.", "12.")):
        assert image.paddle_major >= 3  # Paddle 2.6 has no Hopper or Blackwell kernels
    # nothing newer in the catalogue would also have fitted
    def rank(i):
        return version_tuple(i.paddle), version_tuple(i.cuda)

    newer = [i for i in load_catalogue().gpu_images() if rank(i) > rank(image)]
    assert all(not i.has_kernels_for(cc) or not i.driver_ok(driver) for i in newer)


@pytest.mark.parametrize(("cc", "driver", "cuda_major"), [
    ("7.5", "470.82.01", 11), ("8.0", "525.60.13", 11), ("8.6", "550.54.15", 12), ("8.9", "580.95.05", 12),
    ("9.0", "550.54.15", 12), ("9.0", "580.95.05", 12), ("12.0", "580.95.05", 12)])
def test_the_newest_cuda_the_driver_allows_is_chosen(cc, driver, cuda_major):
    image = suggest_image(hw(cc, driver)).image
    assert image is not None and version_tuple(image.cuda)[0] == cuda_major


def test_hopper_is_never_given_a_paddle_2_6_image_and_an_old_driver_is_told_to_update():
    for driver in DRIVERS:
        image = suggest_image(hw("9.0", driver)).image
        assert image is None or not image.paddle.startswith("2.6")
    old = suggest_image(hw("9.0", "470.82.01"))
    assert old.image is None
    assert any("update the NVIDIA driver to 550.54.14" in r for r in old.reasons)


def test_a_users_paddle_2_6_choice_on_hopper_is_refused_with_the_reason():
    verdict = check_image("paddlepaddle/paddle:2.6.2-gpu-cuda11.7-cudnn8.4-trt8.4", hw("9.0", "580.95.05", "H200"))
    assert verdict.ok is False
    assert "GPU 0 (H200) is compute capability 9.0; Paddle 2.6.2 images" in verdict.message
    assert "choose a Paddle 3 image" in verdict.message


def test_a_choice_is_checked_against_the_driver_too():
    verdict = check_image("paddlepaddle/paddle:3.1.0-gpu-cuda12.9-cudnn9.9", hw("8.6", "525.60.13"))
    assert verdict.ok is False and "driver 525.60.13 is older than the 575.51.03" in verdict.message
    assert check_image("paddlepaddle/paddle:3.1.0-gpu-cuda12.9-cudnn9.9", hw("8.6", "580.95.05")).ok is True


def test_mirror_names_and_uncatalogued_paddle_tags_are_understood_and_others_cannot_be_told():
    catalogue = load_catalogue()
    mirror = "ccr-2vdh3abv-pub.cnc.bj.baidubce.com/"
    mirrored = catalogue.find(mirror + "paddlepaddle/paddle:3.0.0-gpu-cuda12.6-cudnn9.5-trt10.5")
    assert mirrored is not None and mirrored.in_catalog and mirrored.cuda == "12.6"
    guessed = catalogue.find("paddlepaddle/paddle:2.6.1-gpu-cuda12.0-cudnn8.9-trt8.6")
    assert guessed is not None and not guessed.in_catalog and "compute_capabilities" in guessed.unconfirmed
    assert check_image("paddlepaddle/paddle:2.6.1-gpu-cuda12.0-cudnn8.9-trt8.6", hw("9.0", "580.95.05")).ok is False
    unknown = check_image("registry.corp.cn/ml/our-paddle:latest", hw("9.0", "580.95.05"))
    assert unknown.ok is None and "cannot be told" in unknown.message
    # with no GPU any image trains on the CPU
    assert check_image("paddledesk/paddle-base:2.6.2-cpu", Hardware()).ok is True


def test_every_catalogue_fact_names_a_source_and_unconfirmed_facts_are_real_fields():
    catalogue = load_catalogue()
    fields = {"paddle", "cuda", "cudnn", "min_driver", "compute_capabilities", "python", "size_gb"}
    refs = [i.ref for i in catalogue.images]
    assert len(refs) == len(set(refs))
    for image in catalogue.images:
        assert image.sources and set(image.sources) <= set(catalogue.sources), image.ref
        assert image.unconfirmed <= fields, image.ref
        assert image.ref.startswith("paddlepaddle/paddle:"), image.ref
        if image.is_gpu:
            assert image.cuda and image.min_driver and image.compute_capabilities, image.ref
            assert f"-cuda{image.cuda}" in image.ref  # the tag says the CUDA the data says
    majors = {(i.paddle_major, version_tuple(i.cuda)[:2]) for i in catalogue.gpu_images()}
    assert {(3, (11, 8)), (3, (12, 6)), (3, (12, 9))} <= majors  # what the issue asks to cover
    assert Catalogue.canonical("docker.io/paddlepaddle/paddle:2.6.2") == "paddlepaddle/paddle:2.6.2"


def test_the_h200_capture_replays_to_compute_capability_9_and_a_paddle_3_cuda_12_image():
    facts = json.loads((FIXTURES / "h200x1-gpu-facts.json").read_text(encoding="utf-8"))
    snap = Snapshot.from_dict(facts["snapshot"])
    hardware = hardware_of(snap)
    assert [g.compute_capability for g in hardware.gpus] == ["9.0"]
    assert hardware.driver.startswith("580.") and hardware.cuda == "13.0"
    image = suggest_image(hardware).image
    assert image.paddle_major == 3 and image.cuda.startswith("12.")
    # what the CLI printed there says the same
    printed = (FIXTURES / "h200x1-images-suggest.txt").read_text(encoding="utf-8").splitlines()
    assert printed[0] == image.ref


class ReplayedNvml:
    """pynvml's calls answered with what the H200 host answered (tools/capture_gpu_facts.py)."""

    class NVMLError(Exception):
        pass

    def __init__(self, raw: dict, v2: bool = True):
        self.raw = raw
        if v2:
            self.nvmlSystemGetCudaDriverVersion_v2 = lambda: raw["nvmlSystemGetCudaDriverVersion_v2"]

    def nvmlSystemGetDriverVersion(self):
        return self.raw["driver"]

    def nvmlSystemGetCudaDriverVersion(self):
        return self.raw["nvmlSystemGetCudaDriverVersion"]

    def nvmlDeviceGetCudaComputeCapability(self, handle):
        return tuple(self.raw["gpus"][handle]["cuda_compute_capability"])


@pytest.mark.parametrize("v2", [True, False], ids=["v2", "v1-only bindings"])
def test_the_nvml_readers_turn_the_captured_answers_into_the_model(v2):
    from core.gpu.nvml import read_compute_capability, read_driver

    raw = json.loads((FIXTURES / "h200x1-gpu-facts.json").read_text(encoding="utf-8"))["nvml_raw"]
    nv = ReplayedNvml(raw, v2)
    assert read_compute_capability(nv, 0) == "9.0"
    assert read_driver(nv) == {"driver_version": "580.159.04", "cuda_driver_version": "13.0"}


def test_nvidia_smi_output_of_the_h200_gives_the_same_facts():
    from core.gpu.smi import parse_query_gpu_csv, parse_smi_xml

    static = parse_query_gpu_csv((FIXTURES / "query-gpu-static-h200x1.csv").read_text(encoding="utf-8"))
    assert [(g.compute_capability, g.driver_version) for g in static] == [("9.0", "580.159.04")]
    xml = parse_smi_xml((FIXTURES / "nvidia-smi-q-h200x1.xml").read_text(encoding="utf-8"))
    assert xml.gpus[0].cuda_driver_version == "13.0" and xml.gpus[0].driver_version == "580.159.04"


def test_cli_images_suggest_prints_the_image_first_then_the_reasons(capsys):
    from paddledesk.cli import main

    assert main(["images", "suggest", "--compute-capability", "9.0", "--driver", "580.95.05"]) == 0
    lines = capsys.readouterr().out.splitlines()
    first = load_catalogue().find(lines[0])
    assert first is not None and first.paddle_major == 3 and first.cuda.startswith("12.")
    assert any("compute capability 9.0" in line for line in lines[1:])

    assert main(["images", "suggest", "--compute-capability", "8.6", "--driver", "470.82.01"]) == 0
    first = load_catalogue().find(capsys.readouterr().out.splitlines()[0])
    assert first.cuda.startswith("11.")

    assert main(["images", "suggest", "--compute-capability", "9.0", "--driver", "470.82.01"]) == 1
    out = capsys.readouterr().out
    assert out.startswith("none") and "update the NVIDIA driver" in out

    assert main(["images", "suggest", "--compute-capability", "9.0"]) == 2  # half the facts: a clear error
    assert "--driver" in capsys.readouterr().err


def test_cli_images_list_prints_every_image_and_marks_unconfirmed_facts(capsys):
    from paddledesk.cli import main

    assert main(["images", "list"]) == 0
    out = capsys.readouterr().out
    for image in load_catalogue().images:
        assert image.ref in out
    assert "?" in out and "not confirmed" in out


def test_without_a_gpu_the_suggestion_is_a_cpu_image_and_says_why(capsys):
    from paddledesk.cli import main

    assert main(["images", "suggest"]) == 0  # this machine has no NVIDIA driver
    lines = capsys.readouterr().out.splitlines()
    assert not load_catalogue().find(lines[0]).is_gpu
    assert any("no NVIDIA GPU" in line for line in lines)
