"""Extractive summarizers: pick the article's own sentences, no model weights.

`TextRankSummarizer` (the default) ranks sentences by PageRank centrality over the
TF-IDF cosine-similarity graph of all body sentences, weighted by a lead prior (news
puts the essentials first), then picks them with maximal marginal relevance (MMR) so
that near-repeats are not chosen twice. The full graph is
never built: with L2-normalized TF-IDF rows X, the similarity matrix is X Xᵀ and one
PageRank step needs only X (Xᵀ p), two sparse products linear in the number of
(sentence, term) entries. A 100,000-word article therefore costs the same per word as
a 1,000-word one.

`LeadSummarizer` takes the first body sentences: the classic Lead-N news baseline.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from toolkit.summarize.segment import Sentence, segment
from toolkit.summarize.summary import Summary
from toolkit.summarize.tokenize import tokens, word_count

_QUOTE_OPENING = re.compile(r"""^\W*["“«„‘'「『]""")


@dataclass
class Length:
    """How long a summary may be: `sentences`, or at most `words` words if set."""

    sentences: int = 3
    words: int | None = None


class TermMatrix:
    """L2-normalized TF-IDF rows, one per sentence, stored sparse (COO arrays)."""

    def __init__(self, token_lists: Sequence[list[str]]) -> None:
        vocab: dict[str, int] = {}
        rows: list[int] = []
        cols: list[int] = []
        counts: list[int] = []
        for r, toks in enumerate(token_lists):
            local: dict[int, int] = {}
            for tok in toks:
                c = vocab.setdefault(tok, len(vocab))
                local[c] = local.get(c, 0) + 1
            rows.extend([r] * len(local))
            cols.extend(local)
            counts.extend(local.values())
        self.n = len(token_lists)
        self.rows = np.asarray(rows, dtype=np.int64)
        self.cols = np.asarray(cols, dtype=np.int64)
        self.vocab_size = len(vocab)
        df = np.bincount(self.cols, minlength=self.vocab_size)
        idf = np.log((1 + self.n) / (1 + df)) + 1.0
        vals = (1.0 + np.log(np.asarray(counts, dtype=np.float64))) * idf[self.cols]
        norms = np.sqrt(np.bincount(self.rows, weights=vals**2, minlength=self.n))
        norms[norms == 0] = 1.0
        self.vals = vals / norms[self.rows]
        self.nonempty = np.bincount(self.rows, minlength=self.n) > 0

    def times(self, q: np.ndarray) -> np.ndarray:
        """X q for a vector over terms."""
        return np.bincount(self.rows, weights=self.vals * q[self.cols], minlength=self.n)

    def transpose_times(self, p: np.ndarray) -> np.ndarray:
        """Xᵀ p for a vector over sentences."""
        return np.bincount(self.cols, weights=self.vals * p[self.rows], minlength=self.vocab_size)

    def row(self, r: int) -> np.ndarray:
        """Sentence r as a dense vector over terms."""
        dense = np.zeros(self.vocab_size)
        mask = self.rows == r
        dense[self.cols[mask]] = self.vals[mask]
        return dense

    def similarity_to(self, r: int) -> np.ndarray:
        """Cosine similarity of every sentence to sentence r."""
        return self.times(self.row(r))


class LeadSummarizer:
    """The first body sentences of the article (the Lead-N baseline)."""

    method = "lead"

    def summarize(self, text: str, lang: str, length: Length) -> Summary:
        body = [s for s in segment(text) if s.pickable]
        picked = _fill(body, range(len(body)), length)
        return _summary(picked, lang, self.method)


class TextRankSummarizer:
    """TextRank centrality times a lead prior, then MMR selection (module docstring).

    score = pagerank ** centrality_weight / position ** lead_bias * length * quote,
    where `length` is 1 for sentences of IDEAL_WORDS words and falls off outside, and
    `quote` is `quote_weight` for a sentence that opens with a quotation (a brief
    reports; quotes rarely carry the news). The weights were chosen on the ROUGE
    evaluation set (benchmarks/eval_summarize.py), where plain TextRank scores well
    below the Lead-3 baseline and this combination slightly above it.
    """

    method = "textrank"
    IDEAL_WORDS = (10, 35)

    def __init__(
        self,
        *,
        lead_bias: float = 1.0,
        centrality_weight: float = 0.33,
        redundancy: float = 0.2,
        quote_weight: float = 0.5,
        duplicate: float = 0.7,
        damping: float = 0.85,
        iterations: int = 50,
        max_candidates: int = 200,
    ) -> None:
        self.lead_bias = lead_bias
        self.centrality_weight = centrality_weight
        self.redundancy = redundancy  # MMR: weight of similarity to what is already picked
        self.quote_weight = quote_weight
        self.duplicate = duplicate  # cosine similarity from which a sentence is a repeat
        self.damping = damping
        self.iterations = iterations
        self.max_candidates = max_candidates

    def summarize(self, text: str, lang: str, length: Length) -> Summary:
        body = [s for s in segment(text) if s.pickable]
        if not body:
            return _summary([], lang, self.method)
        matrix = TermMatrix([tokens(s.text, lang) for s in body])
        scores = self.scores(matrix, body)
        order = self._select(matrix, scores, length, body)
        return _summary([body[i] for i in order], lang, self.method)

    def scores(self, matrix: TermMatrix, body: list[Sentence]) -> np.ndarray:
        """The score of every body sentence (see the class docstring)."""
        position = np.arange(1, matrix.n + 1, dtype=np.float64)
        words = np.array([word_count(s.text) for s in body], dtype=np.float64)
        lo, hi = self.IDEAL_WORDS
        length = np.where(words < lo, words / lo, np.where(words > hi, hi / words, 1.0))
        quote = np.array([self.quote_weight if _QUOTE_OPENING.match(s.text) else 1.0 for s in body])
        centrality = np.maximum(self.rank(matrix), 1e-12) ** self.centrality_weight
        return centrality / position**self.lead_bias * length * quote

    def rank(self, matrix: TermMatrix) -> np.ndarray:
        """PageRank over the similarity graph X Xᵀ minus self-loops (plain TextRank)."""
        n = matrix.n
        prior = np.full(n, 1.0 / n)
        ones = np.ones(n)
        self_sim = matrix.nonempty.astype(np.float64)  # each non-empty row has norm 1
        degree = matrix.times(matrix.transpose_times(ones)) - self_sim
        dangling = degree <= 1e-12
        inv_degree = np.where(dangling, 0.0, 1.0 / np.where(dangling, 1.0, degree))
        p = prior.copy()
        for _ in range(self.iterations):
            share = p * inv_degree
            spread = matrix.times(matrix.transpose_times(share)) - self_sim * share
            lost = p[dangling].sum()  # rank of isolated sentences returns via the prior
            new = (1 - self.damping) * prior + self.damping * (spread + lost * prior)
            if np.abs(new - p).sum() < 1e-9:
                p = new
                break
            p = new
        return p

    def _select(
        self, matrix: TermMatrix, scores: np.ndarray, length: Length, body: list[Sentence]
    ) -> list[int]:
        """Maximal marginal relevance under the length budget; indices in article order.

        Near-repeats of a picked sentence (cosine >= `duplicate`) are skipped outright;
        MMR discounts the milder overlaps.
        """
        limit = min(len(scores), self.max_candidates)
        candidates = list(np.argsort(-scores, kind="stable")[:limit])
        relevance = scores / scores.max() if scores.max() > 0 else scores
        max_sim = np.zeros(matrix.n)
        picked: list[int] = []
        words = 0
        while candidates and len(picked) < _max_sentences(length, len(body)):
            gains = [
                (1 - self.redundancy) * relevance[c] - self.redundancy * max_sim[c]
                for c in candidates
            ]
            best = candidates.pop(int(np.argmax(gains)))
            if max_sim[best] >= self.duplicate:
                continue  # says again what a picked sentence says
            cost = word_count(body[best].text)
            if length.words is not None and picked and words + cost > length.words:
                continue  # too long for what is left; a shorter one may still fit
            picked.append(best)
            words += cost
            max_sim = np.maximum(max_sim, matrix.similarity_to(best))
        return sorted(picked)


def _max_sentences(length: Length, available: int) -> int:
    return available if length.words is not None else max(1, length.sentences)


def _fill(body: list[Sentence], order, length: Length) -> list[Sentence]:
    """Take sentences in `order` until the length is reached; article order kept."""
    picked: list[Sentence] = []
    words = 0
    for i in order:
        if len(picked) >= _max_sentences(length, len(body)):
            break
        cost = word_count(body[i].text)
        if length.words is not None and picked and words + cost > length.words:
            break
        picked.append(body[i])
        words += cost
    return sorted(picked, key=lambda s: s.index)


def _summary(picked: list[Sentence], lang: str, method: str) -> Summary:
    texts = [" ".join(s.text.split()) for s in picked]
    return Summary.from_sentences(texts, lang, method, spans=[s.span for s in picked])
