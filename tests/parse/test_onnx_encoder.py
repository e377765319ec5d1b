"""The MiniLM encoder through ONNX Runtime (QUOTETRACK_ENCODER, opt-in)."""

import copy

import pytest
import torch

from quotetrack.errors import ModelError
from quotetrack.parse import onnx_encoder
from quotetrack.parse.features import share_features

from .test_features import SENTENCES, _features, encoder  # noqa: F401 - the fixture


def test_the_choice_is_checked_and_only_onnx_changes_the_parse_version(monkeypatch):
    monkeypatch.delenv(onnx_encoder.ENV, raising=False)
    assert onnx_encoder.encoder_choice() == "torch" and onnx_encoder.encoder_version() == {}
    monkeypatch.setenv(onnx_encoder.ENV, "onnx-int8")
    assert onnx_encoder.encoder_version() == {"encoder": "onnx-int8"}
    monkeypatch.setenv(onnx_encoder.ENV, "tensorrt")
    with pytest.raises(ModelError, match="QUOTETRACK_ENCODER='tensorrt' is not one of torch, onnx, onnx-int8"):
        onnx_encoder.encoder_choice()


@pytest.mark.slow
@pytest.mark.parametrize("variant, tolerance", [("onnx", 1e-4), ("onnx-int8", None)])
def test_exported_features(encoder, tmp_path, monkeypatch, variant, tolerance):  # noqa: F811
    """The fp32 export gives torch's features; int8 gives close ones (its effect on
    the parse is measured in the README, not by feature distance)."""
    monkeypatch.setenv(onnx_encoder.DIR_ENV, str(tmp_path))
    from pathlib import Path

    path, model, _ = encoder
    reference = _features(encoder, model, SENTENCES, keep_endpoints=True)
    shared = copy.deepcopy(model)
    encode = onnx_encoder.OnnxEncoder(onnx_encoder.exported(shared, Path(path), variant),
                                      shared.config.num_hidden_layers)
    share_features(shared).encode = encode
    got = _features(encoder, shared, SENTENCES, keep_endpoints=True)
    assert [g.shape for g in got] == [r.shape for r in reference]
    for g, r in zip(got, reference):
        if tolerance is not None:
            assert torch.allclose(g, r, atol=tolerance)
        else:
            assert torch.nn.functional.cosine_similarity(g.flatten(), r.flatten(), dim=0) > 0.8
    files = sorted(p.name for p in tmp_path.iterdir())
    assert f"-{variant}.onnx" in " ".join(files) and not [f for f in files if f.endswith(".tmp")]
