"""Chapter 2 — « Mal choisir son influenceur »: is the shortlist chosen on fit and engagement?

The learner picks 3 to 6 creators for the « Rituel Avoine » campaign. :func:`check_shortlist`
judges each pick (audience in the target countries and ages, context and language, engagement
against the tier benchmark of its platform, audience quality, price) and the list as a whole
(how many, known ids, budget, mix of tiers, not simply the biggest accounts).

The objective's target comes from the chapter-1 sentence (:func:`~influence_workbook.metrics.
target_from_objective`); without it, the brand's default target is used and the feedback says so.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

from influence_workbook.campaign import Campaign, resolve
from influence_workbook.checks.guard import learner_check
from influence_workbook.feedback import Feedback, FeedbackItem, build_feedback, input_problem
from influence_workbook.metrics import (
    CAMPAIGN_NICHES,
    COUNTRY_NAMES,
    CPM_REFERENCE_EUR,
    MIN_AGE_SHARE,
    MIN_COUNTRY_SHARE,
    NICHE_LABELS,
    PLATFORM_LABELS,
    SCORED_FOR,
    TIER_LABELS,
    AudienceTarget,
    score_rows,
    target_from_objective,
)
from influence_workbook.progress import ProgressStore
from influence_workbook.reading import Meaning, read
from influence_workbook.tables import (
    as_rows,
    cell_number,
    columns_of,
    is_bool,
    is_dataframe,
    is_float,
    is_integer,
    is_vector,
)
from influence_workbook.tables import missing as _missing
from influence_workbook.text import find_quantities, fold, format_number, is_placeholder

if TYPE_CHECKING:
    pass

Row = Mapping[str, Any]

CHECK_NAME = "ch02-shortlist"
CHAPTER = "ch02"
STEP = "shortlist"
MIN_PICKS = 3
MAX_PICKS = 6
#: Longer lists are not a shortlist: they are refused with a message rather than scored.
MAX_LIST_LENGTH = 500
MAX_ID_CHARS = 40

# Sections of chapter 2 that feedback points to (their titles in the chapter).
READ_FIT = "Bien faire : le contexte et l'engagement avant la taille"
READ_ER = "Le taux d'engagement : formules et repères"
READ_FAKE = "Repérer une audience gonflée"
READ_MIX = "Composer une présélection équilibrée"
READ_WORKSHOP = "Atelier : votre présélection"

_FRENCH_MARKETS = {"FR", "CH", "BE", "LU", "CA"}


def _shorten(text: str, limit: int = MAX_ID_CHARS) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _pct(value: float, decimals: int = 1) -> str:
    return f"{format_number(value, decimals)}\u00a0%"


def _eur(value: float) -> str:
    return f"{format_number(value)}\u00a0€"


#: Fees in the table are in euros; a campaign in Swiss francs compares them at this rate.
EUR_RATE: dict[str, float] = {"EUR": 1.0, "CHF": 0.94}

# Market codes of a campaign (chapter 5's list) as country codes of the creators' table.
_MARKET_COUNTRIES: dict[str, tuple[str, ...]] = {"UK": ("GB",), "EU": ("FR", "BE", "LU", "DE", "AT", "ES", "IT")}

# What a campaign sells, read from its product, pitch and audience → the niches of creators that fit.
_NICHES_BY_PRODUCT: tuple[tuple[Meaning, tuple[str, ...]], ...] = (
    (Meaning("beauty", r"\bcosmeti\w*", r"\bshamp\w*", r"\bsavons?\b", r"\bcremes?\b", r"\bbeaute\b",
             r"\bmaquillage\b", r"\bparfums?\b", r"\bcheveux\b", r"\bpeau\b", r"\bserums?\b", r"\bsoins?\b"),
     ("beaute", "ecologie", "lifestyle")),
    (Meaning("sport", r"\bvelos?\b", r"\btrail\b", r"\brunning\b", r"\bcourse a pied\b", r"\bcoureu\w*",
             r"\bsport\w*", r"\bfitness\b", r"\brandonn\w*", r"\bski\b", r"\byoga\b", r"\bmuscu\w*",
             r"\bcyclis\w*", r"\bescalade\b"),
     ("sport", "lifestyle")),
    (Meaning("food", r"\brestaura\w*", r"\bpates\b", r"\bcuisine\w*", r"\brecettes?\b", r"\bfood\b",
             r"\bepicerie\b", r"\bboulangerie\b", r"\bcafes?\b", r"\bthes?\b", r"\btisanes?\b", r"\bvins?\b",
             r"\bbieres?\b", r"\bchocolat\w*", r"\bplats?\b", r"\brepas\b", r"\bpizz\w*", r"\bburgers?\b"),
     ("cuisine", "lifestyle")),
    (Meaning("tech", r"\blogiciel\w*", r"\bsaas\b", r"\bapplication\w*", r"\bappli\b", r"\bapp\b",
             r"\bplateforme\b", r"\btech\w*", r"\binformatique\b", r"\bordinateur\w*", r"\bsmartphones?\b",
             r"\bnumerique\b", r"\bcasques?\b", r"\bgadgets?\b"),
     ("tech",)),
    (Meaning("finance", r"\bbanques?\b", r"\bbancaire\b", r"\bcomptes? (?:bancaires?|courants?|epargne)\b",
             r"\bassurance\w*", r"\bcredits?\b", r"\bepargne\b", r"\bfintech\b", r"\bneobanque\b"),
     ("lifestyle", "tech")),
    (Meaning("fashion", r"\bvetements?\b", r"\bmode\b", r"\bsacs?\b", r"\bbijoux?\b", r"\bbaskets\b",
             r"\bsneakers\b", r"\bfriperie\b", r"\bpret-a-porter\b", r"\blunettes\b"),
     ("mode", "lifestyle")),
    (Meaning("travel", r"\bvoyages?\b", r"\bhotels?\b", r"\bsejours?\b", r"\btourisme\b", r"\bcamping\b"),
     ("voyage", "lifestyle")),
    (Meaning("gaming", r"\bjeux? video\b", r"\bgaming\b", r"\bconsoles?\b", r"\besport\b"), ("gaming", "tech")),
    (Meaning("family", r"\bbebes?\b", r"\benfants?\b", r"\bpoussettes?\b", r"\bfamilles?\b", r"\bparents?\b"),
     ("parentalite", "lifestyle")),
    (Meaning("ecology", r"\bzero dechet\b", r"\bvrac\b", r"\brecycl\w*", r"\bdurables?\b", r"\bseconde main\b",
             r"\breconditionn\w*"),
     ("ecologie",)),
)


def campaign_niches(campaign: Campaign) -> tuple[str, ...]:
    """The creators' niches that suit a campaign's product; every niche when the product says nothing."""
    if campaign.is_default:
        return CAMPAIGN_NICHES
    reading = read(" ; ".join((campaign.product, campaign.brand.pitch, campaign.name, campaign.audience)))
    niches: list[str] = []
    for meaning, fitting in _NICHES_BY_PRODUCT:
        if meaning.hits(reading):
            niches.extend(n for n in fitting if n not in niches)
    return tuple(niches) or tuple(NICHE_LABELS)


def campaign_countries(campaign: Campaign) -> tuple[str, ...]:
    """The campaign's markets as the country codes of the creators' table (« UK » → GB…)."""
    codes: list[str] = []
    for market in campaign.markets:
        for code in _MARKET_COUNTRIES.get(market, (market,)):
            if code in COUNTRY_NAMES and code not in codes:
                codes.append(code)
    return tuple(codes)


def _niche_words(niches: tuple[str, ...]) -> str:
    labels = [NICHE_LABELS.get(n, n) for n in niches]
    return labels[0] if len(labels) == 1 else ", ".join(labels[:-1]) + " ou " + labels[-1]


# --------------------------------------------------------------------------- reading the picks


_CONNECTORS = frozenset({"et", "and", "&", "puis", "ou", "-", "–", "—"})


def _kind(value: object) -> str:
    """What a value is, in French words (never Python's own type names)."""
    if is_bool(value):
        return "vrai ou faux"
    if is_float(value):
        return "un nombre"
    if is_integer(value):
        return "un nombre" if -10**12 < int(value) < 10**12 else "un nombre bien trop long"  # type: ignore[call-overload]
    if isinstance(value, list | tuple | set | frozenset):
        return "une liste"
    if isinstance(value, Mapping):
        return "un dictionnaire"
    if isinstance(value, bytes):
        return "une suite d'octets"
    return "une autre sorte de valeur"


def parse_picks(value: object) -> tuple[list[str], str | None]:
    """The picked ids or handles as strings (order kept, duplicates removed), or a French problem."""
    if is_placeholder(value):
        return [], ("Vous n'avez encore choisi aucun créateur. Cochez de 3 à 6 créateurs dans le tableau "
                    "(ou donnez leurs identifiants, par exemple [\"C0012\", \"C0087\", \"C0153\"]).")
    raw: Iterable[Any]
    if isinstance(value, Mapping):
        inner = next((value[key] for key in ("creator_ids", "handles", "creators") if key in value), None)
        if inner is None or isinstance(inner, Mapping):
            return [], ("Une présélection est une liste d'identifiants de créateurs (par exemple "
                        "[\"C0012\", \"C0087\", \"C0153\"]) ; ce dictionnaire n'a pas de clé « creator_ids ».")
        return parse_picks(inner)
    if isinstance(value, str):
        # « @a, @b et @c », « a / b / c », one per line: the words between handles are not handles.
        raw = [word for word in re.split(r"[\s,;/|+]+", value[: MAX_LIST_LENGTH * (MAX_ID_CHARS + 2)])
               if word.lower() not in _CONNECTORS]
    elif is_dataframe(value):
        raw = value["creator_id"].tolist() if "creator_id" in value.columns else list(value.index)  # type: ignore[index, attr-defined]
    elif is_vector(value) or isinstance(value, list | tuple | set | frozenset):
        raw = list(value)  # type: ignore[call-overload]
        if isinstance(value, set | frozenset):
            raw = sorted(raw, key=str)
    else:
        return [], (f"Une présélection est une liste d'identifiants de créateurs (par exemple "
                    f"[\"C0012\", \"C0087\", \"C0153\"]), pas {_kind(value)}.")
    items = list(raw)
    if len(items) > MAX_LIST_LENGTH:
        return [], (f"Votre liste compte {format_number(len(items))} éléments : une présélection en retient "
                    f"de {MIN_PICKS} à {MAX_PICKS}. Filtrez d'abord, puis choisissez.")
    picks: list[str] = []
    for item in items:
        if item is None or (isinstance(item, float) and math.isnan(item)):
            continue
        too_long = is_integer(item) and not -10**12 < int(item) < 10**12
        if not (isinstance(item, str) or is_integer(item)) or too_long:
            return [], (f"Chaque élément de la liste doit être un identifiant en texte, comme \"C0012\" ; "
                        f"un élément est {_kind(item)}.")
        text = str(item).strip().lstrip("@").strip()
        if text and text not in picks:
            picks.append(text)
    if not picks:
        return [], ("Votre liste est vide. Cochez de 3 à 6 créateurs dans le tableau de l'atelier.")
    return picks, None


def cell_text(value: object) -> str:
    """A table cell as text: "" when missing (``None``, NaN, ``pd.NA``: an imported file's gaps)."""
    return "" if _missing(value) else str(value)


def _budget(value: object, campaign: Campaign | None = None) -> tuple[float | None, str | None]:
    """The creators' budget in the campaign's currency: the campaign's own when none is given."""
    campaign = resolve(campaign)
    if value is None or value is Ellipsis:
        return float(campaign.creator_budget), None
    number: float | None = None
    if isinstance(value, bool):
        number = None
    elif is_integer(value):
        number = float(value) if abs(int(value)) < 10**15 else None  # type: ignore[call-overload, arg-type]
    elif is_float(value):
        number = float(value)  # type: ignore[arg-type]
    elif isinstance(value, str):
        found = find_quantities(fold(value[:200]))
        number = found[0].value if found else None
    if number is None or not math.isfinite(number) or number <= 0 or number > 10**12:
        return None, (f"Le budget doit être un montant positif, par exemple {campaign.money(15_000)} "
                      f"(budget créateurs de la campagne : {campaign.money(campaign.creator_budget)}).")
    return number, None


# --------------------------------------------------------------------------- per creator


def _name(row: Row) -> str:
    handle = row.get("handle")
    if isinstance(handle, str) and handle.strip():
        return "@" + _shorten(handle.strip().lstrip("@"), 30)
    return str(row.get("creator_id"))


def _creator_item(row: Row, target: AudienceTarget, campaign: Campaign | None = None) -> FeedbackItem:
    campaign = resolve(campaign)
    cid = str(row["creator_id"])
    tier_name = row.get("tier")
    platform = cell_text(row.get("platform"))
    tier_label = "palier inconnu" if _missing(tier_name) else TIER_LABELS.get(str(tier_name), "palier inconnu")
    label = f"{_name(row)} ({tier_label}, {PLATFORM_LABELS.get(platform, 'plateforme inconnue')})"
    problems: list[str] = []
    goods: list[str] = []
    read_more = READ_FIT

    # Audience: countries and ages.
    countries = ", ".join(COUNTRY_NAMES.get(c, c) for c in target.countries)
    country_share, age_share = float(row["audience_country_share"]), float(row["audience_age_share"])
    if math.isnan(country_share) or math.isnan(age_share):
        missing = " et ".join(what for what, value in (("pays", country_share), ("âges", age_share))
                              if math.isnan(value))
        problems.append(f"audience inconnue ({missing}) : demandez au créateur les statistiques de son "
                        f"audience avant de le retenir")
    elif bool(row["audience_fit_ok"]):
        goods.append(f"audience à {_pct(100 * country_share, 0)} dans vos pays ({countries}) et à environ "
                     f"{_pct(100 * age_share, 0)} chez les {target.age_low}-{target.age_high} ans")
    else:
        if country_share < MIN_COUNTRY_SHARE:
            main = row.get("audience_main_country")
            main_text = ""
            if isinstance(main, str):
                main_text = f", pays principal : {COUNTRY_NAMES.get(main, _shorten(main, 20))}"
            problems.append(f"audience hors cible : {_pct(100 * country_share, 0)} seulement dans vos pays "
                            f"({countries}){main_text} ; il en faut au moins la moitié")
        if age_share < MIN_AGE_SHARE:
            main_age = row.get("audience_main_age")
            age_text = ""
            if isinstance(main_age, str):
                age_text = f", tranche principale : {_shorten(main_age, 10)} ans"
            problems.append(f"audience hors cible : environ {_pct(100 * age_share, 0)} seulement chez "
                            f"les {target.age_low}-{target.age_high} ans{age_text} ; il en faut au moins "
                            f"la moitié")

    # Context: niche and language.
    niche = row.get("niche")
    niche_label = NICHE_LABELS.get(str(niche), str(niche)) if isinstance(niche, str) and niche else "inconnue"
    language = row.get("language")
    french_target = set(target.countries) <= _FRENCH_MARKETS
    if niche_label == "inconnue":
        problems.append("thématique inconnue : ajoutez la colonne « niche » à votre fichier ou vérifiez ses "
                        "contenus")
    elif not bool(row["niche_fit"]):
        product = ("des cosmétiques solides zéro déchet" if campaign.is_default
                   else f"« {_shorten(campaign.product, 50)} »")
        problems.append(f"thématique « {_shorten(niche_label, 30)} » : peu de lien avec {product} "
                        f"(cherchez {_niche_words(target.niches)})")
    elif french_target and isinstance(language, str) and language.lower() != "fr":
        problems.append(f"publie en « {_shorten(language, 10)} » alors que votre cible est francophone")
    else:
        goods.append(f"thématique {niche_label} cohérente avec le produit")

    # Engagement against the tier benchmark of the platform.
    rate = float(row["engagement_rate"])
    verdict = row.get("er_verdict")
    if math.isnan(rate) or _missing(verdict):
        problems.append("taux d'engagement impossible à calculer (abonnés, vues ou interactions manquants)")
        read_more = READ_ER
    else:
        bench = (f"repère {tier_label} {PLATFORM_LABELS.get(platform, platform)} "
                 f"{format_number(float(row['benchmark_low']), 1)}–{_pct(float(row['benchmark_high']))}")
        rate_text = f"taux d'engagement {_pct(rate, 2)} ({row['er_formula']})"
        if verdict == "sous le repère":
            problems.append(f"{rate_text}, sous le {bench} : l'audience réagit peu")
            read_more = READ_ER
        elif verdict == "anormalement haut":
            problems.append(f"{rate_text}, bien au-dessus du {bench} : un engagement aussi fort est suspect "
                            f"(groupe d'engagement, j'aime achetés ?), vérifiez les commentaires")
            read_more = READ_FAKE
        else:
            goods.append(f"{rate_text}, {verdict} ({bench})")

    # Audience quality.
    quality = str(row["audience_quality"])
    if quality == "fiable":
        goods.append("aucun signal d'audience gonflée")
    else:
        problems.append(f"audience {quality} : {row['quality_reasons']}")
        read_more = READ_FAKE

    # Price.
    if bool(row["high_price"]):
        low, high = CPM_REFERENCE_EUR.get(platform, (math.nan, math.nan))
        problems.append(f"tarif de {_eur(float(row['fee_per_post_eur']))} pour environ "
                        f"{format_number(float(row['avg_views']))} vues, soit {_eur(float(row['cpm_eur']))} "
                        f"pour 1 000 vues, loin du CPM habituel de {format_number(low)} à {_eur(high)} "
                        f"sur {PLATFORM_LABELS.get(platform, platform)} : négociez ou écartez")
        read_more = READ_MIX

    if problems:
        message = "À revoir : " + " ; ".join(problems) + "."
        if goods:
            message += " Points forts : " + " ; ".join(goods) + "."
        return FeedbackItem(f"creator:{cid}", label, False, message, read_more)
    return FeedbackItem(f"creator:{cid}", label, True, "Bon choix : " + " ; ".join(goods) + ".")


# --------------------------------------------------------------------------- the whole list


def _biggest_accounts(ids: list[str], followers: list[float], n: int) -> set[str]:
    """The ids of the ``n`` largest follower counts (ties: the first rows, as ``nlargest``)."""
    known = [(count, cid) for cid, count in zip(ids, followers, strict=True) if not math.isnan(count)]
    order = sorted(range(len(known)), key=lambda index: -known[index][0])[:n]  # stable: ties keep row order
    return {str(known[index][1]) for index in order}


_REACH_UNITS = (
    ("personnes", r"personnes?(?:\s+(?:differentes|uniques|touchees|atteintes))?|individus"),
    ("vues", r"vues|visionnages|vues de (?:video|story|stories|reel|reels)"),
    ("impressions", r"impressions"),
    ("comptes touchés", r"comptes (?:touches|atteints|uniques)|contacts|spectateurs|utilisateurs touches"),
)
_REACH_WORD = re.compile(r"\b(?:portee|reach|couverture|toucher|touchees?|atteindre|vues|impressions)\b")


def reach_goal(objective_text: object) -> tuple[float, str] | None:
    """The figure of a reach objective (« 300 000 personnes touchées », « 1 million de vues »), or None.

    Only a figure followed by people, views or impressions counts: « 1 200 ventes » or « 5 000 clics »
    is another kind of objective, whose figure a shortlist's views do not measure.
    """
    if not isinstance(objective_text, str) or not objective_text.strip():
        return None
    folded = fold(objective_text[:2_000])
    if not _REACH_WORD.search(folded):
        return None
    for quantity in find_quantities(folded):
        if quantity.unit or not 100 <= quantity.value <= 10**10:
            continue
        after = folded[quantity.end : quantity.end + 40]
        for unit, pattern in _REACH_UNITS:
            if re.match(rf"\s*(?:de\s+|d')?(?:{pattern})\b", after):
                return quantity.value, unit
    return None


def _round_reach(value: float) -> float:
    """180 000 rather than 179 417: an expected reach is an order of magnitude."""
    if value >= 10_000:
        return round(value, -3)
    return round(value, -2) if value >= 1_000 else round(value)


def _first_of_each(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The rows with the first of each ``creator_id`` only (as ``drop_duplicates``: missing ids are one id)."""
    seen: set[object] = set()
    kept = []
    for row in rows:
        cid = row.get("creator_id")
        key = None if _missing(cid) else cid
        if key not in seen:
            seen.add(key)
            kept.append(row)
    return kept


class ShortlistChecker:
    """:func:`check_shortlist` prepared for one table of creators and one objective.

    Everything that does not depend on the picks (scores, id and handle lookups, each creator's
    verdict) is computed once, here or on first use, so that each click on « Vérifier » only
    looks things up: the workshop keeps one checker per table. ``creators`` must be a DataFrame
    with a ``creator_id`` column and ``budget_eur`` a positive amount (:func:`check_shortlist`
    says so in French otherwise).
    """

    def __init__(self, creators: object, objective_text: object = None, budget_eur: float | None = None,
                 *, scored: object = None, campaign: Campaign | None = None) -> None:
        self.campaign = resolve(campaign)
        rows = as_rows(creators)
        if rows is None:
            raise TypeError("creators must be a DataFrame or a list of row mappings")
        #: The columns of the table (an imported file may lack some).
        self.table_columns = columns_of(creators, rows)
        #: The table's rows, the first of each creator_id (plain dicts).
        self.table = _first_of_each(rows)
        self.target = (target_from_objective(objective_text) if self.campaign.is_default else
                       target_from_objective(objective_text, markets=campaign_countries(self.campaign),
                                             niches=campaign_niches(self.campaign)))
        #: The objective's reach figure (people, views, impressions), when it is a reach objective.
        self.reach_goal = reach_goal(objective_text)
        #: The budget, in the campaign's currency (``budget_eur`` is kept as the historical name).
        self.budget = float(self.campaign.creator_budget if budget_eur is None else budget_eur)
        self.rate = EUR_RATE.get(self.campaign.currency, 1.0)
        # ``scored``: the same table already scored for the same objective (a DataFrame of score_creators).
        usable = (is_dataframe(scored) and len(scored) == len(rows)  # type: ignore[arg-type]
                  and scored.attrs.get(SCORED_FOR) == self.target)  # type: ignore[attr-defined]
        scored_rows = as_rows(scored) if usable else None
        #: Each row of the table with its computed columns (:func:`~influence_workbook.metrics.score_row`).
        self.scored: list[dict[str, Any]] = (_first_of_each(scored_rows) if scored_rows is not None
                                             else score_rows(self.table, self.target))
        self.ids = [str(row.get("creator_id")) for row in self.table]
        self.row_of = {cid: index for index, cid in enumerate(self.ids)}
        originals = [row.get("creator_id") for row in self.table]
        self.by_id = {str(orig).strip().upper(): str(orig) for orig in originals if not _missing(orig)}
        self.by_handle: dict[str, str] = {}
        for row, orig in zip(self.table, originals, strict=True):
            handle = row.get("handle")
            if not _missing(handle):
                self.by_handle.setdefault(str(handle).strip().lstrip("@").lower(), str(orig))
        self.followers = [cell_number(row.get("followers")) for row in self.table]
        self.columns = {column: [str(row.get(column)) for row in self.table]
                        for column in ("platform", "niche") if column in self.table_columns}
        #: Fee per post of each row, NaN where unknown (an imported file may have no fee column).
        self.fees = [cell_number(row.get("fee_per_post_eur")) for row in self.scored]
        self._items: dict[str, FeedbackItem] = {}

    def resolve(self, picks: list[str]) -> tuple[list[str], list[str]]:
        """Known creator ids (matched on id, case-insensitive, or on handle) and the unknown entries."""
        known: list[str] = []
        unknown: list[str] = []
        for pick in picks:
            found = self.by_id.get(pick.upper()) or self.by_handle.get(pick.lower())
            if found is None:
                unknown.append(pick)
            elif found not in known:
                known.append(found)
        return known, unknown

    def creator_item(self, creator_id: str) -> FeedbackItem:
        if creator_id not in self._items:
            row = self.scored[self.row_of[creator_id]]
            self._items[creator_id] = _creator_item(row, self.target, self.campaign)
        return self._items[creator_id]

    def _follows_follower_count(self, known: list[str], pool: object) -> bool:
        """Whether the picks are exactly the biggest accounts of the learner's filtered list, of the
        whole table, or of the table narrowed to the picks' platforms, niches, or both."""
        n = len(known)
        chosen = set(known)
        if n < 2:
            return False
        rows = [self.row_of[cid] for cid in known]
        candidates: list[tuple[list[str], list[float]]] = []
        pool_rows = as_rows(pool)
        if pool_rows is not None and {"creator_id", "followers"} <= columns_of(pool, pool_rows):
            candidates.append(([str(row.get("creator_id")) for row in pool_rows],
                               [cell_number(row.get("followers")) for row in pool_rows]))
        everyone = [True] * len(self.ids)
        both = everyone
        masks = [everyone]
        for values in self.columns.values():
            chosen_values = {values[row] for row in rows if values[row] not in ("nan", "None", "<NA>")}
            inside = [value in chosen_values for value in values]
            masks.append(inside)
            both = [a and b for a, b in zip(both, inside, strict=True)]
        masks.append(both)
        candidates += [([cid for cid, keep in zip(self.ids, mask, strict=True) if keep],
                        [count for count, keep in zip(self.followers, mask, strict=True) if keep]) for mask in masks]
        return any(len(ids) > n and _biggest_accounts(ids, followers, n) == chosen for ids, followers in candidates)

    def check(self, creator_ids_or_df: object, *, pool: object = None) -> Feedback:
        """The feedback on a shortlist (see :func:`check_shortlist`)."""
        picks, problem = parse_picks(creator_ids_or_df)
        if problem:
            return input_problem(CHECK_NAME, "Votre présélection", problem, READ_WORKSHOP)
        tips: list[str] = list(self.target.notes)
        known, unknown = self.resolve(picks)
        items: list[FeedbackItem] = []
        count = len(known)
        plural = "s" if count > 1 else ""
        if MIN_PICKS <= count <= MAX_PICKS:
            items.append(FeedbackItem("count", "Nombre de créateurs", True,
                                      f"{count} créateurs : assez pour comparer, assez peu pour bien les "
                                      f"suivre."))
        elif count < MIN_PICKS:
            items.append(FeedbackItem("count", "Nombre de créateurs", False,
                                      f"{count} créateur{plural} reconnu{plural} seulement : retenez-en de "
                                      f"{MIN_PICKS} à {MAX_PICKS} pour ne pas tout miser sur une seule "
                                      f"audience.", READ_MIX))
        else:
            items.append(FeedbackItem("count", "Nombre de créateurs", False,
                                      f"{count} créateurs : c'est une liste de recherche, pas une "
                                      f"présélection. Gardez les {MAX_PICKS} meilleurs au plus.", READ_MIX))
        if unknown:
            shown = ", ".join(f"« {_shorten(u)} »" for u in unknown[:5])
            more = f" (et {len(unknown) - 5} autres)" if len(unknown) > 5 else ""
            items.append(FeedbackItem("known_ids", "Identifiants reconnus", False,
                                      f"Introuvable{'s' if len(unknown) > 1 else ''} dans la liste : "
                                      f"{shown}{more}. Vérifiez l'orthographe (identifiant comme C0012 ou "
                                      f"pseudo sans @).", READ_WORKSHOP))
        else:
            items.append(FeedbackItem("known_ids", "Identifiants reconnus", True,
                                      "Tous les créateurs choisis figurent dans la liste."))
        if not known:
            return build_feedback(CHECK_NAME, items, tips)

        items.extend(self.creator_item(cid) for cid in known)
        rows = [self.row_of[cid] for cid in known]
        items.append(self._budget_item(rows))
        reach = self._reach_item(rows, tips)
        if reach is not None:
            items.append(reach)
        tier_tip = self._tier_tip(rows)
        if tier_tip:
            tips.append(tier_tip)

        if self._follows_follower_count(known, pool):
            items.append(FeedbackItem("not_followers_only", "Pas seulement le nombre d'abonnés", False,
                                      f"Vos {count} choix sont exactement les {count} plus gros comptes de la "
                                      f"liste : c'est l'erreur du chapitre. Triez par taux d'engagement "
                                      f"rapporté au repère et par part d'audience dans la cible.", READ_FIT))
        else:
            items.append(FeedbackItem("not_followers_only", "Pas seulement le nombre d'abonnés", True,
                                      "Votre choix ne se résume pas aux plus gros comptes."))
        converted = (f", convertis au taux de 1 € = {format_number(self.rate, 2)} {self.campaign.currency}"
                     if self.rate != 1.0 else "")
        tips.append(f"Le budget compte une publication par créateur au tarif affiché{converted} ; les parts "
                    f"d'audience par âge sont des estimations à partir de la part des 18-34 ans.")
        return build_feedback(CHECK_NAME, items, tips)

    def _budget_item(self, rows: list[int]) -> FeedbackItem:
        money = self.campaign.money
        fees = [self.fees[row] * self.rate for row in rows]
        total = float(sum(fees))
        budget = self.budget
        if any(math.isnan(fee) or fee < 0 for fee in fees):
            return FeedbackItem("budget", "Budget", False,
                                "Le tarif d'au moins un créateur manque ou est invalide : impossible de "
                                "vérifier le budget. Complétez la colonne « fee_per_post_eur ».", READ_MIX)
        if total <= budget:
            return FeedbackItem("budget", "Budget", True,
                                f"{money(total)} pour une publication chacun, dans le budget de "
                                f"{money(budget)} (reste {money(budget - total)} pour les produits, les "
                                f"droits ou une deuxième publication).")
        priciest = max(rows, key=lambda row: float(self.fees[row]))
        name = _name(self.scored[priciest])
        return FeedbackItem("budget", "Budget", False,
                            f"Dépassement de {money(total - budget)} : votre sélection coûte {money(total)} pour "
                            f"une publication chacun, pour un budget de {money(budget)}. Remplacez le créateur "
                            f"le plus cher ({name}, {money(float(self.fees[priciest]) * self.rate)}) par un profil "
                            f"plus petit et mieux ciblé.", READ_MIX)

    def _reach_item(self, rows: list[int], tips: list[str]) -> FeedbackItem | None:
        """The expected reach (one post each, average views) against a reach objective, if there is one."""
        if self.reach_goal is None or "avg_views" not in self.table_columns:
            return None
        goal, unit = self.reach_goal
        views = [cell_number(self.scored[row].get("avg_views")) for row in rows]
        known = [value for value in views if math.isfinite(value) and value >= 0]
        if not known:
            return None
        reach = float(sum(known))
        share = reach / goal
        shown = format_number(_round_reach(reach))
        goal_text = f"{format_number(goal)} {unit}"
        label = "Portée attendue"
        if share >= 1:
            return FeedbackItem("reach", label, True,
                                f"La portée attendue de votre sélection, environ {shown} vues (une publication "
                                f"chacun), couvre votre objectif de {goal_text}.")
        percent = format_number(round(100 * share))
        if share >= 0.5:
            tips.append(f"La portée attendue de votre sélection, environ {shown} vues, couvre {percent} % de "
                        f"votre objectif de {goal_text} : prévoyez une deuxième publication ou un créateur "
                        f"de plus pour l'atteindre.")
            return FeedbackItem("reach", label, True,
                                f"Environ {shown} vues attendues pour un objectif de {goal_text} : proche, "
                                f"mais pas encore atteint ({percent} %).")
        return FeedbackItem("reach", label, False,
                            f"La portée attendue de votre sélection, environ {shown} vues (une publication "
                            f"chacun), ne couvre que {percent} % de votre objectif de {goal_text}. Ajoutez un "
                            f"profil à plus forte audience, prévoyez plusieurs publications par créateur ou "
                            f"revoyez l'objectif du chapitre 1.", READ_MIX)

    def _tier_tip(self, rows: list[int]) -> str | None:
        """A tip, not a failure: one tier is a sound strategy (all micro on 15 000 € is common)."""
        if len(rows) < 2:
            return None
        tiers = {str(self.scored[row].get("tier")) for row in rows if not _missing(self.scored[row].get("tier"))}
        if len(tiers) != 1:
            return None
        only = TIER_LABELS.get(next(iter(tiers)), "inconnu")
        return (f"Tous vos créateurs sont du palier {only} : c'est une stratégie courante. Un profil d'un autre "
                f"palier répartirait le risque entre portée et proximité.")


@learner_check("ch02-shortlist", "Votre présélection")
def check_shortlist(creator_ids_or_df: object, objective_text: object = None, budget_eur: object = None,
                    creators: object = None, *, pool: object = None, campaign: Campaign | None = None) -> Feedback:
    """Check a shortlist of 3 to 6 creators against the campaign's target, benchmarks and budget.

    ``creator_ids_or_df``: ids (« C0012 ») or handles, as a list, a comma-separated string or a
    DataFrame with a ``creator_id`` column (or ``{"creator_ids": [...]}``, the saved form).
    ``objective_text``: the chapter-1 objective (its target countries and ages are read from it, and
    its figure when it is a reach objective). ``budget_eur``: the creators' budget in the campaign's
    currency, the campaign's own by default. ``campaign``: the learner's campaign (budget, currency,
    markets, audience and product come from it; Sève by default).
    ``creators``: the table to look ids up in (the sample data by default). ``pool``: the filtered
    table the learner chose from, to spot a list that is simply its biggest accounts.
    To check many lists against one table, build a :class:`ShortlistChecker` once.
    """
    picks, problem = parse_picks(creator_ids_or_df)
    if problem:
        return input_problem(CHECK_NAME, "Votre présélection", problem, READ_WORKSHOP)
    budget, problem = _budget(budget_eur, campaign)
    if problem or budget is None:
        return input_problem(CHECK_NAME, "Le budget", problem or "", READ_MIX)
    if creators is None:
        from influence_workbook.data.rows import read_rows

        creators = read_rows("creators")
    rows = as_rows(creators)
    if rows is None or "creator_id" not in columns_of(creators, rows):
        return input_problem(CHECK_NAME, "La liste de créateurs",
                             "La liste de créateurs à consulter doit être un tableau avec une colonne "
                             "« creator_id » (par exemple celui de load_creators()).", READ_WORKSHOP)
    return ShortlistChecker(creators, objective_text, budget, campaign=campaign).check(picks, pool=pool)


# --------------------------------------------------------------------------- saved shortlist


def saved_shortlist(store: ProgressStore | None = None) -> dict[str, Any] | None:
    """The shortlist saved in chapter 2, for chapters 8 to 10, or None if there is none yet.

    A dict with ``creator_ids`` (list of str), ``creators`` (one small dict per pick: id, handle,
    name, platform, tier, fee, engagement rate), ``objective``, ``budget_eur`` and ``passed``
    (True when every criterion of the last check was met).
    """
    store = store if store is not None else ProgressStore()
    saved = store.get(CHAPTER, STEP)
    if saved is None or not isinstance(saved.answer, dict):
        return None
    answer = dict(saved.answer)
    ids = answer.get("creator_ids")
    answer["creator_ids"] = [str(i) for i in ids] if isinstance(ids, list) else []
    answer["passed"] = saved.passed
    return answer


# --------------------------------------------------------------------------- exercise checks

EXERCISE_CHECK = "ch02-exercise"


#: The sizes an exercise's counts may take: beyond this, a count is a typo, not a post.
MAX_COUNT = 10**10
_PERCENT_WORDS = re.compile(r"\bpour[- ]?cents?\b|\bpourcents?\b|\bpercent\b")


def _read_percent(value: object) -> tuple[float | None, bool]:
    """The figure a learner typed, and whether it carries a percent sign (or « pour cent »).

    2.98, "2,98 %", "environ 3.2%", "0,032", "3,2 pour cent", "(512 + 37) / 18 400 × 100 = 2,98 %":
    a figure marked as a percentage wins, else the one after the last « = », else the first one.
    """
    if isinstance(value, bool):
        return None, False
    if is_integer(value):
        return (float(value), False) if abs(int(value)) < MAX_COUNT else (None, False)  # type: ignore[call-overload, arg-type]
    if is_float(value):
        number = float(value)  # type: ignore[arg-type]
        return (number, False) if math.isfinite(number) and abs(number) < MAX_COUNT else (None, False)
    if not isinstance(value, str):
        return None, False
    folded = _PERCENT_WORDS.sub("%", fold(value[:300]))
    found = [q for q in find_quantities(folded) if math.isfinite(q.value) and q.value < MAX_COUNT]
    if not found:
        return None, False
    marked = [q for q in found if q.unit == "%"]
    if marked:
        return marked[-1].value, True
    equals = folded.rfind("=")
    after = [q for q in found if q.start > equals] if equals >= 0 else []
    chosen = after[0] if after else found[0]
    return chosen.value, False


def _count_problem(**counts: object) -> str | None:
    """A French sentence when an exercise's counts cannot give a rate (edited cell: NaN, negative…)."""
    names = {"likes": "de j'aime", "comments": "de commentaires", "followers": "d'abonnés",
             "shares": "de partages", "saves": "d'enregistrements"}
    for key, value in counts.items():
        number = math.nan
        if is_integer(value):
            number = float(value) if abs(int(value)) <= MAX_COUNT else math.inf  # type: ignore[call-overload, arg-type]
        elif is_float(value):
            number = float(value)  # type: ignore[arg-type]
        if not math.isfinite(number) or number < 0 or number > MAX_COUNT:
            return (f"Le nombre {names.get(key, key)} de l'exercice n'est pas utilisable (il doit être un "
                    f"nombre positif d'au plus {format_number(MAX_COUNT)}). Exécutez de nouveau la cellule de "
                    f"l'exercice sans la modifier.")
        if key == "followers" and number == 0:
            return ("Avec 0 abonné, aucun taux d'engagement ne se calcule : exécutez de nouveau la cellule de "
                    "l'exercice sans la modifier.")
    return None


@learner_check("ch02-exercise", "Taux d'engagement")
def check_engagement_rate_answer(answer: object, *, likes: float, comments: float, followers: float,
                                 shares: float = 0, saves: float = 0) -> Feedback:
    """Exercise: the learner computed an engagement rate by hand; is it the right percentage?

    Figures are read however they are typed (« 2,98 % », « environ 3 % », « 3,2 pour cent », a whole
    computation ending in « = 2,98 % »); the same rate written as a share (0,0298) is right, and the
    feedback says how to write it as a percentage.
    """
    from influence_workbook.metrics import engagement_rate

    label = "Taux d'engagement"
    problem = _count_problem(likes=likes, comments=comments, followers=followers, shares=shares, saves=saves)
    if problem:
        return input_problem(EXERCISE_CHECK, label, problem, READ_ER)
    if is_placeholder(answer):
        return input_problem(EXERCISE_CHECK, label,
                             "Remplacez ... par le taux que vous avez calculé, en pourcentage "
                             "(par exemple 3.2 ou « 3,2 % »).", READ_ER)
    value, marked = _read_percent(answer)
    if value is None:
        return input_problem(EXERCISE_CHECK, label,
                             "Votre réponse doit être un nombre, par exemple 3.2 ou « 3,2 % ».", READ_ER)
    likes, comments, followers = float(likes), float(comments), float(followers)
    expected = float(engagement_rate(likes, comments, followers, float(shares), float(saves)))
    parts = "j'aime + commentaires"
    parts += " + partages" if shares else ""
    parts += " + enregistrements" if saves else ""
    formula = f"({parts}) / abonnés × 100"
    shown = format_number(expected, 2)

    def close(candidate: float, target: float) -> bool:
        return abs(candidate - target) <= max(0.051, abs(target) * 0.015)

    if close(value, expected):
        item = FeedbackItem("value", label, True, f"Exact : {formula} = {shown} %.")
        return build_feedback(EXERCISE_CHECK, [item])
    if not marked and close(value * 100, expected):
        item = FeedbackItem("value", label, True,
                            f"Exact : {format_number(value, 4)} est le taux écrit comme une part ; multiplié par "
                            f"100, il donne {shown} %, la forme sous laquelle on compare les taux aux repères.")
        return build_feedback(EXERCISE_CHECK, [item])
    likes_only = float(engagement_rate(likes, 0, followers))
    if marked and close(value * 100, expected):
        message = (f"Vous avez oublié de multiplier par 100 : {format_number(value, 4)} est une part, "
                   f"le taux est {shown} %.")
    elif close(value, likes_only) or close(value * 100, likes_only):
        message = f"Vous n'avez compté que les j'aime : ajoutez les commentaires. Formule : {formula}."
    elif abs(value - 100 * followers / max(likes + comments, 1)) <= 0.5:
        message = (f"La division est à l'envers : on divise les interactions par les abonnés, "
                   f"{formula}.")
    elif abs(value - (likes + comments + float(shares) + float(saves))) <= 0.5:
        message = (f"{format_number(value)} est le nombre d'interactions : divisez-le par les abonnés et "
                   f"multipliez par 100, {formula}.")
    else:
        message = (f"Pas tout à fait : reprenez le calcul {formula}. "
                   f"Vous devriez trouver environ {shown} %.")
    return build_feedback(EXERCISE_CHECK, [FeedbackItem("value", label, False, message, READ_ER)])


_LETTER_AFTER_WORD = re.compile(
    r"\b(?:profil|profile|repere|reponse|choix|option|lettre|proposition)\s*[:=]?\s*[«\"'(]?\s*([a-z])\b(?!['’])")
_UPPER_LETTER = re.compile(r"(?<![\w'’])([A-Z])(?![\w'’])")
_LOWER_LETTER = re.compile(r"(?<![\w'’])([b-z])(?![\w'’])")


def pick_letter(answer: object, letters: Iterable[str]) -> tuple[str | None, tuple[str, ...]]:
    """The one letter a learner chose among ``letters``, and every letter of ``letters`` the answer names.

    « C », « profil c », « la C », « C : pic d'abonnés… », « c'est le C » all choose C; « c'est » or
    « il a » are not letters; « B ou C » names two, chooses none.
    """
    if not isinstance(answer, str):
        return None, ()
    allowed = [letter.upper() for letter in letters]
    raw = answer[:500].strip()
    alone = re.fullmatch(r"[\W_]*([A-Za-z])[\W_]*", raw)
    if alone:
        letter = alone.group(1).upper()
        return (letter if letter in allowed else None), (letter,)
    found = _LETTER_AFTER_WORD.search(fold(raw))
    if found and found.group(1).upper() in allowed:
        return found.group(1).upper(), (found.group(1).upper(),)
    reading = read(raw)
    named: list[str] = []
    for pattern in (_UPPER_LETTER, _LOWER_LETTER):
        for match in pattern.finditer(raw):
            letter = match.group(1).upper()
            if letter in allowed and letter not in named and not reading.negated(match.start()):
                named.append(letter)
        if named:
            break
    return (named[0] if len(named) == 1 else None), tuple(named)


def _profiles_table(profiles: object) -> list[dict[str, Any]] | None:
    """The exercise's profiles as rows: from a DataFrame, a dict of columns or a list of rows."""
    rows: list[dict[str, Any]] | None
    if isinstance(profiles, Mapping):
        columns = {str(name): list(values) for name, values in profiles.items() if isinstance(values, list | tuple)}
        lengths = {len(values) for values in columns.values()}
        if len(columns) != len(profiles) or len(lengths) != 1:
            return None
        rows = [dict(zip(columns, values, strict=True)) for values in zip(*columns.values(), strict=True)]
    elif isinstance(profiles, list) and not profiles:
        return None
    else:
        rows = as_rows(profiles)
    if rows is None or "profil" not in columns_of(profiles, rows) or len(rows) > 26:
        return None
    return [row for row in rows if not _missing(row.get("profil")) and str(row.get("profil")).strip() != ""]


@learner_check("ch02-exercise", "Profil aux abonnés achetés")
def check_bought_followers_answer(answer: object, profiles: object) -> Feedback:
    """Exercise: which profile (a letter in ``profiles['profil']``) shows bought followers?

    The expected profile is computed, not written down: the one whose audience quality is
    « suspecte » according to :func:`~influence_workbook.metrics.score_creators`. ``profiles`` is
    the exercise's table (a DataFrame, or the same as a dict of columns).
    """
    label = "Profil aux abonnés achetés"
    table = _profiles_table(profiles)
    if not table:
        return input_problem(EXERCISE_CHECK, label,
                             "Exécutez d'abord la cellule qui crée le tableau des profils.")
    letters = [str(row["profil"]).strip().upper()[:3] for row in table]
    listed = ", ".join(letters)
    if is_placeholder(answer):
        return input_problem(EXERCISE_CHECK, label,
                             f"Remplacez ... par la lettre d'un profil ({listed}).", READ_FAKE)
    chosen, named = pick_letter(answer, letters)
    if chosen is None and len(named) > 1:
        message = (f"Vous citez plusieurs profils ({', '.join(named)}) : un seul cumule les signaux d'abonnés "
                   f"achetés. Choisissez une seule lettre.")
        return build_feedback(EXERCISE_CHECK, [FeedbackItem("profile", label, False, message, READ_FAKE)])
    if chosen is None:
        return input_problem(EXERCISE_CHECK, label,
                             f"Répondez par une seule lettre parmi {listed}, entre guillemets, "
                             f"par exemple \"A\".", READ_FAKE)
    scored = score_rows({**row, "creator_id": letter} for row, letter in zip(table, letters, strict=True))
    suspect = [row["creator_id"] for row in scored if row["audience_quality"] == "suspecte"]
    row = next(row for row in scored if row["creator_id"] == chosen)
    reasons = cell_text(row["quality_reasons"]) or "aucun signal relevé"
    rate_value = float(row["engagement_rate"])
    rate = (f"taux d'engagement {format_number(rate_value, 2)} % ({cell_text(row['er_verdict'])})"
            if math.isfinite(rate_value) else "taux d'engagement impossible à calculer")
    if chosen in suspect:
        message = f"Oui, le profil {chosen} cumule les signaux : {reasons} ; {rate}."
        return build_feedback(EXERCISE_CHECK, [FeedbackItem("profile", label, True, message)])
    message = (f"Le profil {chosen} : {reasons} ; {rate}. Cherchez celui qui cumule un pic d'abonnés, "
               f"une forte part d'abonnés suspects et un engagement sous le repère.")
    return build_feedback(EXERCISE_CHECK, [FeedbackItem("profile", label, False, message, READ_FAKE)])


BENCHMARK_CHOICES: dict[str, tuple[bool, str]] = {
    "A": (False, "0,54 % est la médiane des micro-influenceurs Instagram (10 000 à 50 000 abonnés), "
                 "calculée sur les abonnés : autre plateforme, autre formule."),
    "B": (True, "Oui : même plateforme, même formule (sur les vues) et même palier. La fourchette "
                "de 4 à 12 % des médianes TikTok sur les vues est le bon repère."),
    "C": (False, "1,31 % est une médiane TikTok calculée sur les abonnés, pas sur les vues : "
                 "les deux chiffres ne se comparent pas."),
    "D": (False, "18 % est une moyenne de 2021 (Influencer Marketing Hub) : une moyenne est tirée "
                 "vers le haut par quelques comptes exceptionnels, et la méthode diffère. Préférez "
                 "une médiane calculée comme votre taux."),
}


@learner_check("ch02-exercise", "Le bon repère")
def check_benchmark_choice(answer: object) -> Feedback:
    """Exercise: which benchmark fits a TikTok micro creator whose rate was computed on views?"""
    label = "Le bon repère"
    if is_placeholder(answer):
        return input_problem(EXERCISE_CHECK, label,
                             "Remplacez ... par la lettre du repère choisi (A, B, C ou D).", READ_ER)
    letter, named = pick_letter(answer, BENCHMARK_CHOICES)
    if letter is None and len(named) > 1:
        message = (f"Vous citez plusieurs repères ({', '.join(named)}) : un seul se compare à un taux TikTok "
                   f"calculé sur les vues. Choisissez une seule lettre.")
        return build_feedback(EXERCISE_CHECK, [FeedbackItem("benchmark", label, False, message, READ_ER)])
    if letter is None:
        return input_problem(EXERCISE_CHECK, label,
                             "Répondez par une lettre entre guillemets : \"A\", \"B\", \"C\" ou \"D\".",
                             READ_ER)
    ok, message = BENCHMARK_CHOICES[letter]
    item = FeedbackItem("benchmark", label, ok, message, None if ok else READ_ER)
    return build_feedback(EXERCISE_CHECK, [item])
