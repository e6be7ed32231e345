"""The French written-contract threshold (décret n° 2025-1137): 1 000 € HT a year per advertiser, gifts included."""

from __future__ import annotations

import math

import numpy as np
import pytest

from influence_workbook.pay import (
    WRITTEN_CONTRACT_IN_FORCE,
    WRITTEN_CONTRACT_RULE_FR,
    WRITTEN_CONTRACT_THRESHOLD_EUR_HT,
    written_contract_required,
)


@pytest.mark.parametrize(("fees", "gifts", "required"), [
    (0, 0, False),
    (999.99, 0, False),
    (1_000, 0, True),  # « supérieure ou égale » : the threshold itself needs a contract
    (600, 400, True),  # gifts count
    (450, 0, False),
    (3 * 400, 0, True),  # three posts at 400 € in the year cross it
    (0, 1_000, True),  # products alone
    (np.float64(700), np.int64(299), False),
])
def test_the_threshold_counts_fees_and_gifts_together(fees: float, gifts: float, required: bool) -> None:
    assert written_contract_required(fees, gifts) is required


def test_gifts_default_to_nothing() -> None:
    assert written_contract_required(1_200) is True
    assert written_contract_required(800) is False


@pytest.mark.parametrize("bad", [-1, math.nan, math.inf, -math.inf, 1e12, "1 000", None, True, [500]])
def test_absurd_amounts_are_refused_in_french(bad: object) -> None:
    with pytest.raises(ValueError) as error:
        written_contract_required(bad)  # type: ignore[arg-type]
    message = str(error.value)
    assert "montant" in message.lower() or "cachets" in message
    with pytest.raises(ValueError, match="produits offerts"):
        written_contract_required(100, bad)  # type: ignore[arg-type]


def test_the_rule_carries_its_source_and_date() -> None:
    assert WRITTEN_CONTRACT_THRESHOLD_EUR_HT == 1_000
    assert WRITTEN_CONTRACT_IN_FORCE.isoformat() == "2026-01-01"
    assert "2025-1137" in WRITTEN_CONTRACT_RULE_FR and "1er janvier 2026" in WRITTEN_CONTRACT_RULE_FR
