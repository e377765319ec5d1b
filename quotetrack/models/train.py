"""Training recipe for quotetrack's compact offline English Stanza models.

This module drives Stanza's own trainers (``stanza.models.tokenizer``,
``mwt_expander``, ``tagger``, ``lemmatizer`` and ``parser``) through their
``main(args)`` functions; it re-implements none of them.  It only

* prepares the data in the work directory with Stanza's own preparation
  helpers (``stanza.utils.datasets``): EWT train + GUM CC-BY train concatenated
  (with Stanza's punctuation augmentation, as ``prepare_tokenizer_treebank``
  does for every UD train set), EWT dev for model selection;
* chooses compact, CPU-sized hyperparameters (no pretrained word vectors,
  no charlm, no transformer: nothing is downloaded);
* retags train and dev with the trained tagger before the parser is trained
  (as ``stanza.utils.training.run_depparse`` does with its retag option),
  so the parser learns from predicted UPOS/XPOS/feats;
* resumes: the parser continues from its checkpoint (``--checkpoint_save_name``);
  the other trainers have no resumable checkpoint, so a stage whose final model
  already exists in the work dir is skipped;
* exports the best models to the package with the optimizer state stripped.

Stages: tokenize, mwt, pos, lemma, depparse (``retag`` runs inside depparse).
Work dirs and checkpoints live outside the repository, by default under
``~/.cache/quotetrack/train``.

Run one stage per process with ``python -m quotetrack.models.train --stage pos``
or through ``quotetrack models train``.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import shutil
import sys
import time
from dataclasses import dataclass
from pathlib import Path

logger = logging.getLogger("quotetrack.models.train")

SHORTHAND = "en_combined"
LANG = "en"
STAGES = ("tokenize", "mwt", "pos", "lemma", "depparse")
DEFAULT_WORK_DIR = Path(os.path.expanduser("~/.cache/quotetrack/train"))

EWT = "en_ewt-ud-{split}.conllu"
GUM = "en_gum-ccby-ud-{split}.conllu"

# File names of the exported models (inside quotetrack/models/en/).
EXPORT_NAMES = {
    "tokenize": "tokenize.pt",
    "mwt": "mwt.pt",
    "pos": "pos.pt",
    "lemma": "lemma.pt",
    "depparse": "depparse.pt",
}

# ---------------------------------------------------------------------------
# Hyperparameters.  Every list is passed verbatim to the Stanza trainer and
# recorded in MODEL_CARD.md.
# ---------------------------------------------------------------------------

TOKENIZE_ARGS = [
    # Stanza's default tokenizer size (it is already small: ~1 MB);
    # --steps bounds the CPU time, dev F1 (EWT dev) picks the best step.
    "--steps", "6000",
    "--eval_steps", "500",
    "--max_steps_before_stop", "3000",
    "--batch_size", "32",
    "--use_dictionary",
]

MWT_ARGS = [
    "--num_epoch", "10",
    "--batch_size", "50",
    "--hidden_dim", "100",
    "--emb_dim", "50",
]

POS_ARGS = [
    "--no_pretrain",
    "--hidden_dim", "200",
    "--word_emb_dim", "100",
    "--char_hidden_dim", "200",
    "--char_emb_dim", "50",
    "--deep_biaff_hidden_dim", "200",
    "--composite_deep_biaff_hidden_dim", "100",
    "--batch_size", "250",
    "--max_steps", "1500",
    "--eval_interval", "100",
    "--fix_eval_interval",
    "--max_steps_before_stop", "500",
]

LEMMA_ARGS = [
    "--num_epoch", "8",
    "--decay_epoch", "4",
    "--batch_size", "100",
    "--hidden_dim", "100",
    "--emb_dim", "50",
    "--pos_dim", "25",
]

DEPPARSE_ARGS = [
    "--no_pretrain",
    "--hidden_dim", "200",
    "--num_layers", "2",
    "--deep_biaff_hidden_dim", "200",
    "--char_hidden_dim", "100",
    "--char_emb_dim", "50",
    "--batch_size", "2000",
    "--eval_interval", "100",
    "--max_steps_before_stop", "1000",
]
DEFAULT_PARSER_STEPS = 3000


@dataclass
class Paths:
    """Where the recipe reads and writes."""

    data: Path
    work: Path

    @property
    def prep(self) -> Path:
        return self.work / "data"

    def gold(self, split: str) -> Path:
        """Gold CoNLL-U of the combined train set (split=train) or EWT dev."""
        return self.prep / f"{SHORTHAND}.{split}.gold.conllu"

    def txt(self, split: str) -> Path:
        return self.prep / f"{SHORTHAND}.{split}.txt"

    def toklabels(self, split: str) -> Path:
        return self.prep / f"{SHORTHAND}-ud-{split}.toklabels"

    def mwt_json(self, split: str) -> Path:
        return self.prep / f"{SHORTHAND}-ud-{split}-mwt.json"

    def retagged(self, split: str) -> Path:
        return self.work / "depparse" / f"{SHORTHAND}.{split}.retagged.conllu"

    def stage_dir(self, stage: str) -> Path:
        return self.work / stage

    def model(self, stage: str) -> Path:
        names = {
            "tokenize": f"{SHORTHAND}_tokenizer.pt",
            "mwt": f"{SHORTHAND}_mwt_expander.pt",
            "pos": f"{SHORTHAND}_tagger.pt",
            "lemma": f"{SHORTHAND}_lemmatizer.pt",
            "depparse": f"{SHORTHAND}_parser.pt",
        }
        return self.stage_dir(stage) / names[stage]

    def checkpoint(self, stage: str) -> Path:
        return self.stage_dir(stage) / f"{SHORTHAND}_{stage}_checkpoint.pt"

    def done_marker(self, stage: str) -> Path:
        return self.stage_dir(stage) / "DONE"


# ---------------------------------------------------------------------------
# Data preparation
# ---------------------------------------------------------------------------

def prepare_data(paths: Paths, force: bool = False) -> None:
    """Build train/dev files for every trainer in ``paths.prep``.

    * ``en_combined.train.gold.conllu``: EWT train + GUM CC-BY train, with
      Stanza's ``augment_punct`` (the augmentation ``prepare_tokenizer_treebank``
      applies to every UD train set);
    * ``en_combined.dev.gold.conllu``: EWT dev, unchanged;
    * ``.txt`` raw text (``stanza.utils.datasets.common.convert_conllu_to_txt``)
      and ``.toklabels`` / ``-mwt.json`` (``prepare_tokenizer_dataset_labels``)
      for the tokenizer.
    """
    from stanza.utils.datasets import common
    from stanza.utils.datasets.prepare_tokenizer_treebank import (
        augment_punct,
        write_augmented_dataset,
    )

    prep = paths.prep
    marker = prep / "PREPARED"
    if marker.exists() and not force:
        logger.info("data already prepared in %s", prep)
        return
    prep.mkdir(parents=True, exist_ok=True)

    sources = {
        "train": [paths.data / EWT.format(split="train"), paths.data / GUM.format(split="train")],
        "dev": [paths.data / EWT.format(split="dev")],
    }
    for files in sources.values():
        for f in files:
            if not f.exists():
                raise FileNotFoundError(f"training data not found: {f}")

    # concatenate the train treebanks (sentence by sentence, so that the files'
    # trailing blank lines cannot glue two sentences together)
    concat = prep / f"{SHORTHAND}.train.concat.conllu"
    sents = []
    for f in sources["train"]:
        sents.extend(common.read_sentences_from_conllu(str(f)))
    common.write_sentences_to_conllu(str(concat), sents)
    logger.info("train: %d sentences from %s", len(sents), ", ".join(f.name for f in sources["train"]))

    write_augmented_dataset(str(concat), str(paths.gold("train")), augment_punct)
    concat.unlink()
    dev_sents = common.read_sentences_from_conllu(str(sources["dev"][0]))
    common.write_sentences_to_conllu(str(paths.gold("dev")), dev_sents)

    common.convert_conllu_to_txt(str(prep), SHORTHAND, shards=("train", "dev"))
    for split in ("train", "dev"):
        common.prepare_tokenizer_dataset_labels(
            str(paths.txt(split)), str(paths.gold(split)), str(prep), SHORTHAND, split)
    marker.write_text(time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()) + "\n")


# ---------------------------------------------------------------------------
# Stages
# ---------------------------------------------------------------------------

def _common(stage: str, paths: Paths) -> list[str]:
    return ["--lang", LANG, "--shorthand", SHORTHAND, "--cpu",
            "--save_dir", str(paths.stage_dir(stage))]


def _run_main(module_name: str, args: list[str]) -> None:
    import importlib

    logger.info("python -m %s %s", module_name, " ".join(args))
    module = importlib.import_module(module_name)
    module.main(args)


def _skip_if_done(stage: str, paths: Paths, force: bool) -> bool:
    if paths.done_marker(stage).exists() and paths.model(stage).exists() and not force:
        logger.info("stage %s: %s already trained, skipping (use --force to retrain)",
                    stage, paths.model(stage))
        return True
    return False


def _mark_done(stage: str, paths: Paths, **info) -> None:
    info["finished"] = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
    paths.done_marker(stage).write_text(json.dumps(info, indent=2) + "\n")


def stage_args(stage: str, paths: Paths, parser_steps: int = DEFAULT_PARSER_STEPS) -> list[str]:
    """The exact argument list passed to the Stanza trainer of ``stage``."""
    d = paths.stage_dir(stage)
    if stage == "tokenize":
        return _common(stage, paths) + [
            "--mode", "train",
            "--txt_file", str(paths.txt("train")),
            "--label_file", str(paths.toklabels("train")),
            "--mwt_json_file", str(paths.mwt_json("train")),
            "--dev_txt_file", str(paths.txt("dev")),
            "--dev_label_file", str(paths.toklabels("dev")),
            "--dev_conll_gold", str(paths.gold("dev")),
            "--conll_file", str(d / "dev.pred.conllu"),
            "--save_name", paths.model(stage).name,
        ] + TOKENIZE_ARGS
    if stage == "mwt":
        return _common(stage, paths) + [
            "--mode", "train",
            "--train_file", str(paths.gold("train")),
            "--eval_file", str(paths.gold("dev")),
            "--output_file", str(d / "dev.pred.conllu"),
            "--gold_file", str(paths.gold("dev")),
            "--save_name", paths.model(stage).name,
        ] + MWT_ARGS
    if stage == "pos":
        return _common(stage, paths) + [
            "--mode", "train",
            "--train_file", str(paths.gold("train")),
            "--eval_file", str(paths.gold("dev")),
            "--output_file", str(d / "dev.pred.conllu"),
            "--save_name", paths.model(stage).name,
        ] + POS_ARGS
    if stage == "lemma":
        return _common(stage, paths) + [
            "--mode", "train",
            "--train_file", str(paths.gold("train")),
            "--eval_file", str(paths.gold("dev")),
            "--output_file", str(d / "dev.pred.conllu"),
            "--save_name", paths.model(stage).name,
        ] + LEMMA_ARGS
    if stage == "depparse":
        return _common(stage, paths) + [
            "--mode", "train",
            "--train_file", str(paths.retagged("train")),
            "--eval_file", str(paths.retagged("dev")),
            "--output_file", str(d / "dev.pred.conllu"),
            "--save_name", paths.model(stage).name,
            "--checkpoint_save_name", str(paths.checkpoint(stage)),
            "--max_steps", str(parser_steps),
        ] + DEPPARSE_ARGS
    raise ValueError(f"unknown stage {stage!r}")


def train_tokenize(paths: Paths, force: bool = False) -> None:
    if _skip_if_done("tokenize", paths, force):
        return
    paths.stage_dir("tokenize").mkdir(parents=True, exist_ok=True)
    start = time.time()
    _run_main("stanza.models.tokenizer", stage_args("tokenize", paths))
    _mark_done("tokenize", paths, wall_s=round(time.time() - start))


def train_mwt(paths: Paths, force: bool = False) -> None:
    if _skip_if_done("mwt", paths, force):
        return
    paths.stage_dir("mwt").mkdir(parents=True, exist_ok=True)
    start = time.time()
    _run_main("stanza.models.mwt_expander", stage_args("mwt", paths))
    _mark_done("mwt", paths, wall_s=round(time.time() - start))


def train_pos(paths: Paths, force: bool = False) -> None:
    if _skip_if_done("pos", paths, force):
        return
    paths.stage_dir("pos").mkdir(parents=True, exist_ok=True)
    start = time.time()
    _run_main("stanza.models.tagger", stage_args("pos", paths))
    _mark_done("pos", paths, wall_s=round(time.time() - start))


def train_lemma(paths: Paths, force: bool = False) -> None:
    if _skip_if_done("lemma", paths, force):
        return
    paths.stage_dir("lemma").mkdir(parents=True, exist_ok=True)
    start = time.time()
    _run_main("stanza.models.lemmatizer", stage_args("lemma", paths))
    _mark_done("lemma", paths, wall_s=round(time.time() - start))


def retag(paths: Paths, force: bool = False) -> None:
    """Replace gold UPOS/XPOS/feats of train and dev with the trained tagger's.

    The same thing Stanza's ``run_depparse`` does before it trains a parser
    (``stanza.utils.datasets.dataset_retagging``-style): run the tagger in
    predict mode over the gold-tokenized file, keeping heads and deprels.
    """
    tagger = paths.model("pos")
    if not tagger.exists():
        raise FileNotFoundError(f"no tagger at {tagger}: run the pos stage first")
    out_dir = paths.stage_dir("depparse")
    out_dir.mkdir(parents=True, exist_ok=True)
    for split in ("train", "dev"):
        out = paths.retagged(split)
        if out.exists() and not force:
            logger.info("retag: %s exists", out)
            continue
        tmp = out.with_suffix(".tmp")
        _run_main("stanza.models.tagger", [
            "--mode", "predict", "--lang", LANG, "--shorthand", SHORTHAND, "--cpu",
            "--save_dir", str(paths.stage_dir("pos")),
            "--save_name", tagger.name,
            "--eval_file", str(paths.gold(split)),
            "--output_file", str(tmp),
            "--no_pretrain",
            "--batch_size", "1000",
        ])
        os.replace(tmp, out)


def train_depparse(paths: Paths, parser_steps: int = DEFAULT_PARSER_STEPS, force: bool = False) -> None:
    if _skip_if_done("depparse", paths, force):
        return
    retag(paths)
    start = time.time()
    _run_main("stanza.models.parser", stage_args("depparse", paths, parser_steps))
    _mark_done("depparse", paths, wall_s=round(time.time() - start), max_steps=parser_steps)


# ---------------------------------------------------------------------------
# Export
# ---------------------------------------------------------------------------

OPTIMIZER_KEYS = ("optimizer", "optimizers", "scheduler", "schedulers")


def strip_optimizer(src: Path, dst: Path) -> dict:
    """Copy a Stanza model file without optimizer/scheduler state."""
    import torch

    state = torch.load(str(src), map_location="cpu", weights_only=False)
    dropped = []
    if isinstance(state, dict):
        for key in OPTIMIZER_KEYS:
            if key in state:
                del state[key]
                dropped.append(key)
    dst.parent.mkdir(parents=True, exist_ok=True)
    tmp = dst.with_suffix(dst.suffix + ".tmp")
    torch.save(state, str(tmp))
    os.replace(tmp, dst)
    return {"src": str(src), "dst": str(dst), "dropped": dropped,
            "bytes": dst.stat().st_size}


def export(paths: Paths, out: Path, stages=STAGES) -> list[dict]:
    """Copy the trained models into the package directory ``out``."""
    out.mkdir(parents=True, exist_ok=True)
    results = []
    for stage in stages:
        src = paths.model(stage)
        if not src.exists():
            logger.warning("export: no %s model at %s", stage, src)
            continue
        info = strip_optimizer(src, out / EXPORT_NAMES[stage])
        logger.info("exported %s -> %s (%.1f MB, dropped %s)", src, info["dst"],
                    info["bytes"] / 1e6, info["dropped"] or "nothing")
        results.append(info)
    resources = out / "resources.json"
    if not resources.exists():
        resources.write_text(json.dumps({"en": {"lang_name": "English"}}) + "\n")
    return results


# ---------------------------------------------------------------------------
# Driver
# ---------------------------------------------------------------------------

def run(data: Path, out: Path | None, work_dir: Path = DEFAULT_WORK_DIR, stage: str = "all",
        parser_steps: int = DEFAULT_PARSER_STEPS, threads: int | None = None,
        force: bool = False, do_export: bool = True) -> None:
    """Run one stage (or all, in dependency order) and export the models."""
    if threads:
        import torch
        torch.set_num_threads(threads)
    paths = Paths(Path(data).resolve(), Path(work_dir).expanduser().resolve())
    paths.work.mkdir(parents=True, exist_ok=True)
    prepare_data(paths)
    stages = STAGES if stage == "all" else (stage,)
    for s in stages:
        t0 = time.time()
        logger.info("=== stage %s ===", s)
        if s == "tokenize":
            train_tokenize(paths, force)
        elif s == "mwt":
            train_mwt(paths, force)
        elif s == "pos":
            train_pos(paths, force)
        elif s == "lemma":
            train_lemma(paths, force)
        elif s == "depparse":
            train_depparse(paths, parser_steps, force)
        elif s == "retag":
            retag(paths, force)
        elif s == "prepare":
            pass
        else:
            raise ValueError(f"unknown stage {s!r}")
        logger.info("=== stage %s finished in %.0f s ===", s, time.time() - t0)
    if do_export and out is not None and stage not in ("prepare", "retag"):
        export(paths, Path(out), stages=[s for s in stages if s in STAGES])


def main(argv: list[str] | None = None) -> None:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--data", type=Path, required=True, help="directory with the UD .conllu files")
    p.add_argument("--out", type=Path, default=None, help="where to export the models (package dir)")
    p.add_argument("--work-dir", type=Path, default=DEFAULT_WORK_DIR)
    p.add_argument("--stage", default="all", choices=("all", "prepare", "retag") + STAGES)
    p.add_argument("--parser-steps", type=int, default=DEFAULT_PARSER_STEPS)
    p.add_argument("--threads", type=int, default=None)
    p.add_argument("--force", action="store_true")
    p.add_argument("--no-export", action="store_true")
    a = p.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")
    run(a.data, a.out, a.work_dir, a.stage, a.parser_steps, a.threads, a.force, not a.no_export)


if __name__ == "__main__":
    main()
