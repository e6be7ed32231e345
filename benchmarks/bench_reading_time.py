"""Each chapter's main-path time (issue 24): reading at 200 words a minute, workshop and quiz."""

from __future__ import annotations

from influence_workbook.authoring.reading_time import BUDGET_MINUTES, estimates, table


def main() -> None:
    rows = estimates()
    print(table(rows))
    print(f"budget: {BUDGET_MINUTES} minutes per chapter; over: "
          f"{', '.join(r.slug for r in rows if r.total_minutes > BUDGET_MINUTES) or 'none'}")


if __name__ == "__main__":
    main()
