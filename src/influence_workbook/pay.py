"""Money rules about paying creators: the French written-contract threshold.

France, loi n° 2023-451 du 9 juin 2023, art. 8, applied by the décret n° 2025-1137 du 28 novembre
2025 (JORF du 29 novembre 2025), in force since 1 January 2026. Its article 1 says, in substance,
that the contract between a creator and an advertiser must be **written**, with the clauses the law
lists, on pain of nullity, when the sum of the fees paid and of the value of the in-kind benefits
granted to one creator by one advertiser **in the same year**, for one service or a set of services
pursuing the same promotional objective, is **1 000 € HT or more** (« supérieure ou égale à
1 000 euros hors taxes »; wording as quoted by DDG avocats, Cerfrance and Joffe & Associés; the
course could not read it on Légifrance itself). Gifts count: a product given is an in-kind benefit.

The threshold adds up over the year: three posts at 400 € for the same advertiser cross it, so an
ambassador deal almost always needs a written contract (chapters 7 and 9).
"""

from __future__ import annotations

import math
import numbers
from datetime import date

#: The threshold of the décret n° 2025-1137, in euros excluding tax: a written contract from this sum on.
WRITTEN_CONTRACT_THRESHOLD_EUR_HT = 1_000.0
#: The day the threshold applies from (article 2 of the décret).
WRITTEN_CONTRACT_IN_FORCE = date(2026, 1, 1)
#: The rule in one French sentence, with its source and date, for pages and feedback.
WRITTEN_CONTRACT_RULE_FR = (
    "En France, depuis le 1er janvier 2026, un contrat écrit est obligatoire dès que les cachets et la valeur "
    "des produits offerts par un même annonceur à un créateur atteignent 1 000 € HT sur l'année "
    "(décret n° 2025-1137 du 28 novembre 2025, application de l'article 8 de la loi n° 2023-451)."
)
#: No fee of one creator for one advertiser comes near this: a larger amount is a typing mistake.
MAX_AMOUNT_EUR = 1e9


def _amount(value: object, what: str) -> float:
    """A finite, non-negative amount in euros, or ValueError with a French message saying what is wrong."""
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        kind = ("un texte" if isinstance(value, str) else "vrai ou faux" if isinstance(value, bool)
                else "rien" if value is None else "une autre sorte de valeur")
        raise ValueError(f"{what} doit être un nombre d'euros hors taxes (par exemple 450), pas {kind}.")
    amount = float(value)
    if math.isnan(amount):
        raise ValueError(f"{what} est manquant (NaN) : indiquez un montant en euros hors taxes, 0 s'il n'y en a pas.")
    if amount < 0:
        raise ValueError(f"{what} ne peut pas être négatif : indiquez un montant en euros hors taxes.")
    if math.isinf(amount) or amount > MAX_AMOUNT_EUR:
        raise ValueError(f"{what} dépasse le milliard d'euros : vérifiez le montant saisi.")
    return amount


def written_contract_required(fees_eur_ht: float, gifts_eur_ht: float = 0.0) -> bool:
    """Whether French law requires a written contract with one creator, for one advertiser, over a year.

    ``fees_eur_ht``: the fees paid (or to be paid) to the creator by one advertiser over twelve months,
    in euros excluding tax; ``gifts_eur_ht``: the value of the products and other in-kind benefits that
    advertiser gave over the same period. True when their sum is 1 000 € HT or more (décret n° 2025-1137
    du 28 novembre 2025, art. 1, in force since 1 January 2026; :data:`WRITTEN_CONTRACT_RULE_FR`).

    Add every collaboration of the year with the same advertiser: the threshold is yearly, not per post.
    Raises ValueError, with a French message, for an amount that is not a number, is missing (NaN),
    negative, infinite or above a billion euros: such an amount cannot answer the question.

    >>> written_contract_required(600, gifts_eur_ht=400)
    True
    >>> written_contract_required(450)
    False
    """
    fees = _amount(fees_eur_ht, "Le montant des cachets")
    gifts = _amount(gifts_eur_ht, "La valeur des produits offerts")
    return fees + gifts >= WRITTEN_CONTRACT_THRESHOLD_EUR_HT
