"""Normalised keywords of a text, the cheap text similarity the board's suggestions use on every database.

Lower case, accents removed, short and common words dropped, a light plural folding: "Sous-traitance de pièces
plastiques" and "pièce plastique" share "piece" and "plastique"."""

import re
import unicodedata

MAX_KEYWORDS = 60
WORD = re.compile(r"\w+", re.UNICODE)

# Words that say nothing about what a company offers or seeks (French and English, accents removed).
_STOPWORDS_TEXT = """
les des une pour par avec sans dans sur sous entre vers chez aux est sont etre avoir ont nous vous leur leurs
notre nos votre vos ces cette celui celle ceux qui que quoi dont mais plus moins tres tout tous toute toutes
son ses comme aussi ainsi afin deja encore autre autres meme donc car pas peu bien fait faire partenaire
partenaires recherche recherchons cherchons cherche propose proposons offre offrons entreprise entreprises
societe societes maroc marocain marocaine marocains marocaines projet projets besoin type annee ans mois
the and for with without from into onto our your their this that these those who which what are was were
has have had will would can could should not all any more most such than then also just over under between
about partner partners looking seek seeking offer offering company companies morocco moroccan project year
"""
STOPWORDS = frozenset(_STOPWORDS_TEXT.split())


def normalise_word(word: str) -> str:
    word = unicodedata.normalize("NFKD", word.lower())
    word = "".join(char for char in word if not unicodedata.combining(char))
    if len(word) > 4 and word.endswith(("s", "x")) and not word.endswith("ss"):
        word = word[:-1]
    return word


def _words(texts) -> dict[str, None]:
    words: dict[str, None] = {}  # ordered: the title's words come first
    for text in texts:
        for raw in WORD.findall(text or ""):
            if raw.isdigit() or len(raw) < 3:
                continue
            word = normalise_word(raw)
            if len(word) >= 3 and word not in STOPWORDS:
                words[word] = None
    return words


def keywords_of(*texts: str) -> set[str]:
    """The distinct meaningful words of the texts, normalised."""
    return set(_words(texts))


def keywords_field(*texts: str) -> str:
    """What a post stores: its first MAX_KEYWORDS keywords (title first), space-separated."""
    return " ".join(list(_words(texts))[:MAX_KEYWORDS])


def similarity(first: set[str], second: set[str]) -> float:
    """Jaccard similarity of two keyword sets (0 to 1)."""
    if not first or not second:
        return 0.0
    return len(first & second) / len(first | second)


def surface_forms(words, *texts: str) -> list[str]:
    """The normalised `words` as they are written in the texts (accents and all), for showing them."""
    wanted, found = set(words), {}
    for text in texts:
        for raw in WORD.findall(text or ""):
            word = normalise_word(raw)
            if word in wanted and word not in found:
                found[word] = raw.lower()
    return [found.get(word, word) for word in words]
