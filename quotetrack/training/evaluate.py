"""End-to-end evaluation of the English pipeline on UD test sets.

Raw text is rebuilt from the gold CoNLL-U (the ``# text`` line of every
sentence; sentences of one paragraph joined by a space, paragraphs and
documents separated by a blank line), run through the whole pipeline
(tokenizer included: gold tokens are NOT given to it), written as CoNLL-U and
scored with the CoNLL 2018 shared task scorer as Stanza 1.15 runs it:
``stanza.models.common.utils.ud_scores``, a wrapper around ``udtools.udeval``
(older Stanza versions shipped the same script as
``stanza.utils.conll18_ud_eval``).
"""

from __future__ import annotations

import io
import re
import time
from dataclasses import dataclass, field
from pathlib import Path

TEST_SETS = {
    "EWT test": "en_ewt-ud-test.conllu",
    "GUM CC-BY test": "en_gum-ccby-ud-test.conllu",
}
METRICS = ("Tokens", "Sentences", "Words", "UPOS", "XPOS", "UFeats", "Lemmas", "UAS", "LAS")

_NEWDOC = re.compile(r"^#\s*newdoc(\s|$)")
_NEWPAR = re.compile(r"^#\s*newpar(\s*$|\s+id\s*=)")
_TEXT = re.compile(r"^#\s*text\s*=\s?(.*)$")


def raw_text_from_conllu(path: Path | str) -> str:
    """Rebuild the running text of a CoNLL-U file from its ``# text`` lines.

    Paragraph (``# newpar``) and document (``# newdoc``) boundaries become
    blank lines, which Stanza's tokenizer reads as paragraph breaks.
    """
    paragraphs: list[list[str]] = []
    current: list[str] = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if _NEWDOC.match(line) or _NEWPAR.match(line):
                if current:
                    paragraphs.append(current)
                    current = []
                continue
            m = _TEXT.match(line)
            if m:
                current.append(m.group(1).strip())
    if current:
        paragraphs.append(current)
    return "\n\n".join(" ".join(p) for p in paragraphs) + "\n"


@dataclass
class EvalResult:
    name: str
    scores: dict[str, float]
    words: int
    seconds: float
    extra: dict = field(default_factory=dict)

    @property
    def words_per_second(self) -> float:
        return self.words / self.seconds if self.seconds else 0.0


def score_conllu(system: str, gold_path: Path | str) -> dict[str, float]:
    """F1 (x100) of each CoNLL 2018 metric for system CoNLL-U text vs the gold file."""
    from stanza.models.common.utils import ud_scores

    evaluation = ud_scores(str(gold_path), io.StringIO(system))
    return {m: 100.0 * evaluation[m].f1 for m in METRICS}


def evaluate_file(pipeline, gold_path: Path | str, name: str | None = None,
                  pred_out: Path | None = None) -> EvalResult:
    """Parse the raw text of ``gold_path`` with ``pipeline`` and score it."""
    from stanza.utils.conll import CoNLL

    text = raw_text_from_conllu(gold_path)
    start = time.perf_counter()
    doc = pipeline(text)
    seconds = time.perf_counter() - start
    buf = io.StringIO()
    CoNLL.write_doc2conll(doc, buf)
    system = buf.getvalue()
    if pred_out is not None:
        Path(pred_out).write_text(system, encoding="utf-8")
    scores = score_conllu(system, gold_path)
    n_words = sum(len(s.words) for s in doc.sentences)
    return EvalResult(name or Path(gold_path).name, scores, n_words, seconds)


def markdown_table(results: list[EvalResult], label: str = "") -> str:
    head = "| " + " | ".join(["test set"] + list(METRICS) + ["words/s"]) + " |"
    sep = "| " + " | ".join(["---"] * (len(METRICS) + 2)) + " |"
    rows = [head, sep]
    for r in results:
        cells = [r.name + (f" ({label})" if label else "")]
        cells += [f"{r.scores[m]:.2f}" for m in METRICS]
        cells.append(f"{r.words_per_second:.0f}")
        rows.append("| " + " | ".join(cells) + " |")
    return "\n".join(rows)


def evaluate(data: Path | str, source: str | None = None, sets: list[str] | None = None,
             pred_dir: Path | None = None, pipeline=None) -> list[EvalResult]:
    """Evaluate the pipeline from ``source`` on the UD test sets found in ``data``."""
    from ..parse.models import load_pipeline

    data = Path(data)
    if pipeline is None:
        pipeline = load_pipeline(source)
    results = []
    for name, fname in TEST_SETS.items():
        if sets and name not in sets and fname not in sets:
            continue
        path = data / fname
        if not path.exists():
            raise FileNotFoundError(f"test set not found: {path}")
        out = None
        if pred_dir is not None:
            Path(pred_dir).mkdir(parents=True, exist_ok=True)
            out = Path(pred_dir) / fname.replace(".conllu", ".pred.conllu")
        results.append(evaluate_file(pipeline, path, name, out))
    return results
