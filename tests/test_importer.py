"""read_creators_csv on what spreadsheets really export: every fixture is written inline, bytes and all."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from influence_workbook.data import importer, load
from influence_workbook.data.importer import ImportResult, read_creators_csv


def _errors(result: ImportResult) -> list[str]:
    return [p.message for p in result.problems if p.severity == "error"]


# --------------------------------------------------------------------------- encodings and separators


def test_french_excel_export_cp1252_semicolons_and_decimal_commas() -> None:
    text = (
        "Nom;Plateforme;Abonnés;J'aime moyens;Commentaires;Taux d'engagement;Tarif (€)\r\n"
        "Léa Crème;Instagram;12\xa0500;350,5;12;3,2 %;250 €\r\n"
        "Théo Forêt;TikTok;8 400;1 020;33;12,1 %;90\r\n"
    )
    result = read_creators_csv(text.encode("cp1252"))
    assert result.ok, result.messages
    assert result.encoding == "cp1252" and result.separator == ";"
    first = result.data.iloc[0]
    assert first["display_name"] == "Léa Crème"
    assert first["platform"] == "instagram" and first["followers"] == 12_500
    assert (
        first["avg_likes"] == 350.5
        and first["engagement_rate_pct"] == 3.2
        and first["fee_per_post_eur"] == 250
    )
    assert result.data.iloc[1]["avg_likes"] == 1_020


def test_utf8_bom_with_commas_does_not_hide_the_first_header() -> None:
    result = read_creators_csv("\ufeffNom,Platform,Followers,Likes\nAmel,ig,1500,40\n".encode())
    assert result.ok and result.encoding == "utf-8-sig"
    assert list(result.data["display_name"]) == ["Amel"]


def test_text_with_a_bom_character_is_read_too() -> None:
    assert read_creators_csv("\ufeffnom;plateforme;abonnés;likes\nA;youtube;2000;10\n").ok


def test_excel_unicode_text_export_utf16_with_tabs() -> None:
    content = "Nom\tRéseau\tAbonnés\tJ'aime\nZoé\tYouTube\t45 000\t900\n".encode("utf-16")
    result = read_creators_csv(content)
    assert result.ok and result.separator == "\t"
    assert result.data.iloc[0]["followers"] == 45_000


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("12 500", 12_500),
        ("12\u00a0500", 12_500),
        ("12\u202f500", 12_500),
        ("12'500", 12_500),
        ("12’500", 12_500),
        ("1 234 567", 1_234_567),
        ("1.234.567", 1_234_567),
        ("1,234,567", 1_234_567),
        ("12k", 12_000),
        ("1,2 k", 1_200),
        ("1,5 M", 1_500_000),
        ("12500", 12_500),
        ("12 500,0", 12_500),
    ],
)
def test_thousands_separators_and_multipliers(written: str, expected: int) -> None:
    result = read_creators_csv(f"nom;plateforme;abonnés;likes\nA;instagram;{written};10\n")
    assert result.ok, result.messages
    assert result.data.iloc[0]["followers"] == expected


def test_header_names_match_whatever_the_case_accents_or_apostrophes() -> None:
    header = "CRÉATEUR·RICE;Réseau social;ABONNES (nb);J’aime;Vues moyennes;% femmes;Part France"
    result = read_creators_csv(f"{header}\nNoa;TikTok;3 000;250;4 000;81 %;0,7\n")
    assert result.ok, result.messages
    row = result.data.iloc[0]
    assert row["avg_views"] == 4_000
    assert row["audience_female_share"] == pytest.approx(0.81)
    assert row["audience_share_fr"] == pytest.approx(0.7)
    assert result.columns["ABONNES (nb)"] == "followers"


def test_a_handle_alone_is_enough_and_profile_urls_become_handles() -> None:
    text = (
        "Compte;Plateforme;Abonnés;Likes\n"
        "https://www.instagram.com/lea.bocaux/;insta;2 000;80\n"
        "@nino.trail;yt;5000;50\n"
    )
    result = read_creators_csv(text)
    assert result.ok, result.messages
    assert list(result.data["handle"]) == ["lea.bocaux", "nino.trail"]
    assert list(result.data["platform"].astype(str)) == ["instagram", "youtube"]


def test_shares_accept_percent_signs_decimals_and_whole_percents() -> None:
    text = (
        "nom;plateforme;abonnés;likes;part france\n"
        "A;instagram;1000;10;62 %\nB;instagram;1000;10;0,62\nC;instagram;1000;10;62\n"
    )
    result = read_creators_csv(text)
    assert result.ok
    assert list(result.data["audience_share_fr"]) == pytest.approx([0.62, 0.62, 0.62])


def test_placeholders_for_unknown_optional_values_are_left_empty_silently() -> None:
    result = read_creators_csv("nom;plateforme;abonnés;likes;vues;tarif\nA;instagram;1000;10;-;n/a\n")
    assert result.ok and not result.problems
    assert result.data["avg_views"].isna().all() and result.data["fee_per_post_eur"].isna().all()


# --------------------------------------------------------------------------- precise, located problems


def test_a_word_instead_of_a_number_is_reported_with_the_spreadsheet_line_and_column() -> None:
    rows = [f"Créa {i};instagram;{1000 + i};10" for i in range(2, 7)]  # spreadsheet lines 2 to 6
    text = "\n".join(
        ["nom;plateforme;abonnés;likes", *rows, "Créa 7;instagram;douze mille;10", "Créa 8;tiktok;900;5"]
    )
    result = read_creators_csv(text)
    assert _errors(result) == [
        "Ligne 7, colonne « abonnés » : « douze mille » n'est pas un nombre ; la ligne est ignorée."
    ]
    problem = result.problems[0]
    assert (problem.line, problem.column, problem.row_skipped) == (7, "abonnés", True)
    assert len(result.data) == 6 and 7 not in set(result.data["source_line"])
    assert result.rows_read == 7


def test_a_quoted_caption_over_several_lines_does_not_shift_line_numbers() -> None:
    text = (
        "nom;plateforme;abonnés;likes;niche\n"
        '"Léa\nsur deux lignes";instagram;1000;10;beauté\n'
        "B;instagram;-3;1;mode\n"
    )
    result = read_creators_csv(text)
    assert _errors(result)[0].startswith("Ligne 3, colonne « abonnés » : « -3 » est négatif")
    assert result.data.iloc[0]["niche"] == "beaute"


def test_negative_and_absurd_numbers_skip_the_row() -> None:
    text = (
        "nom;plateforme;abonnés;likes\n"
        "A;instagram;-500;10\nB;instagram;2 000 000 000;10\nC;instagram;5000;-2\nD;instagram;5000;20\n"
    )
    result = read_creators_csv(text)
    errors = _errors(result)
    assert len(errors) == 3
    assert "« -500 » est négatif" in errors[0] and "Ligne 2" in errors[0]
    assert "invraisemblable" in errors[1] and "Ligne 3" in errors[1]
    assert "colonne « likes »" in errors[2] and "Ligne 4" in errors[2]
    assert list(result.data["display_name"]) == ["D"]


def test_unknown_platform_missing_name_and_duplicates_are_skipped_with_a_reason() -> None:
    text = (
        "nom;compte;plateforme;abonnés;likes\n"
        "A;a.one;Snapchat;1000;10\n"
        ";;instagram;1000;10\n"
        "B;b.two;instagram;1000;10\n"
        "B bis;@B.Two;instagram;1200;12\n"
        "B;b.two;tiktok;1000;10\n"
    )
    result = read_creators_csv(text)
    errors = _errors(result)
    assert "« Snapchat » n'est pas une plateforme prise en charge (instagram, tiktok ou youtube)" in errors[0]
    assert errors[1] == "Ligne 3 : ni nom ni identifiant ; la ligne est ignorée."
    assert errors[2].startswith("Ligne 5 :") and "figure déjà ligne 4" in errors[2]
    assert len(result.data) == 2, "the same handle on another platform is another account"


def test_an_unreadable_optional_value_keeps_the_row_and_warns() -> None:
    result = read_creators_csv(
        "nom;plateforme;abonnés;likes;tarif\nA;instagram;1000;10;300 CHF\nB;tiktok;900;8;beaucoup\n"
    )
    assert result.ok and len(result.data) == 2
    warnings = [p for p in result.problems if p.severity == "warning"]
    assert "est en CHF ; indiquez le montant en euros" in warnings[0].message
    assert warnings[1].message == (
        "Ligne 3, colonne « tarif » : « beaucoup » n'est pas un nombre ; la case est laissée vide."
    )
    assert result.data["fee_per_post_eur"].isna().all()


def test_decimal_commas_in_a_comma_separated_file_are_caught() -> None:
    result = read_creators_csv("name,platform,followers,likes\nA,instagram,1000,3,5\nB,instagram,2000,7\n")
    assert "une virgule décimale dans un fichier séparé par des virgules" in _errors(result)[0]
    assert list(result.data["display_name"]) == ["B"]


def test_followers_written_with_a_decimal_comma_get_a_hint() -> None:
    result = read_creators_csv("nom;plateforme;abonnés;likes\nA;instagram;12,500;10\n")
    assert "(la virgule sépare les décimales : écrivez 12500 ou 12 500)" in _errors(result)[0]


def test_title_lines_above_the_header_are_skipped_and_line_numbers_kept() -> None:
    text = (
        "Ma sélection pour Sève\nexport du 12/03/2026\n"
        "Nom;Plateforme;Abonnés;J'aime;Couleur préférée\nA;tiktok;1000;x;bleu\n"
    )
    result = read_creators_csv(text)
    messages = result.messages
    assert messages[0] == "Les en-têtes ont été trouvés ligne 3 : les lignes au-dessus sont ignorées."
    assert "La colonne « Couleur préférée » n'est pas reconnue : elle est ignorée." in messages
    assert "Ligne 4, colonne « J'aime » : « x » n'est pas un nombre ; la ligne est ignorée." in messages


def test_missing_required_columns_are_each_named() -> None:
    result = read_creators_csv("Nom;Vues;Niche\nA;100;beauté\n")
    errors = _errors(result)
    assert len(errors) == 3
    assert (
        "la plateforme" in errors[0]
        and "le nombre d'abonnés" in errors[1]
        and "le nombre de j'aime" in errors[2]
    )
    assert "« Nom », « Vues », « Niche »" in result.messages[-1]
    assert list(result.data.columns[:5]) == ["display_name", "handle", "platform", "followers", "avg_likes"]
    assert result.data.empty


def test_a_file_without_name_or_handle_column_says_so() -> None:
    result = read_creators_csv("plateforme;abonnés;likes\ninstagram;100;1\n")
    assert _errors(result) == [
        "Il manque une colonne avec le nom ou l'identifiant du créateur (par exemple « Nom » ou « Compte »)."
    ]


# --------------------------------------------------------------------------- not a CSV at all


@pytest.mark.parametrize("content", [b"", "", "   \n\n", b";;;\n;;;\n", "\ufeff"])
def test_empty_files(content: bytes | str) -> None:
    result = read_creators_csv(content)
    assert _errors(result) and "vide" in _errors(result)[0]
    assert result.data.empty


def test_headers_only() -> None:
    result = read_creators_csv("nom;plateforme;abonnés;likes\n\n")
    assert _errors(result) == [
        "Le fichier ne contient que des en-têtes : aucune ligne de données à importer."
    ]


@pytest.mark.parametrize(
    ("magic", "word"),
    [
        (b"PK\x03\x04\x14\x00\x06\x00\x08\x00[Content_Types].xml", "Excel (.xlsx)"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 40, "ancien classeur Excel (.xls)"),
        (b"%PDF-1.7\n%\xe2\xe3", "PDF"),
    ],
)
def test_spreadsheets_and_documents_are_recognised_and_explained(magic: bytes, word: str) -> None:
    result = read_creators_csv(magic)
    message = _errors(result)[0]
    assert word in message and "« CSV »" in message and "Enregistrer sous" in message


def test_binary_junk_is_refused_kindly() -> None:
    result = read_creators_csv(b"\x00\x01\x02garbage\x00" * 10)
    assert "ne ressemble pas à un fichier texte" in _errors(result)[0]


def test_too_big_a_file_is_refused_before_parsing(tmp_path: Path) -> None:
    content = b"nom;plateforme;abonnes;likes\n" + b"A;instagram;1000;10\n" * 300_000
    assert len(content) > importer.MAX_BYTES
    result = read_creators_csv(content)
    assert "la limite est de 5 Mo" in _errors(result)[0]
    path = tmp_path / "grosse_liste.csv"
    path.write_bytes(content)
    assert "Mo : la limite est de 5 Mo" in _errors(read_creators_csv(path))[0]


def test_too_many_rows_keeps_the_first_ones(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(importer, "MAX_ROWS", 50)
    text = "nom;plateforme;abonnés;likes\n" + "".join(f"C{i};instagram;{1000 + i};10\n" for i in range(80))
    result = read_creators_csv(text)
    assert len(result.data) == 50 and result.data["source_line"].max() == 51
    assert "seules les 50 premières sont lues" in _errors(result)[0]


def test_many_bad_rows_are_summarised_after_a_hundred(monkeypatch: pytest.MonkeyPatch) -> None:
    text = "nom;plateforme;abonnés;likes\n" + "A;instagram;beaucoup;10\n" * 130
    result = read_creators_csv(text)
    assert len(result.problems) == importer.MAX_LISTED_PROBLEMS + 1
    assert result.problems[-1].message == "… et 30 autres problèmes du même genre, non détaillés."


# --------------------------------------------------------------------------- sources and contract


def test_paths_as_path_or_string_and_file_objects(tmp_path: Path) -> None:
    path = tmp_path / "ma_liste.csv"
    path.write_bytes("nom;plateforme;abonnés;likes\nÉlise;instagram;1000;10\n".encode("cp1252"))
    for source in (
        path,
        str(path),
        io.BytesIO(path.read_bytes()),
        io.StringIO("nom,platform,followers,likes\nA,tt,10,1\n"),
    ):
        result = read_creators_csv(source)
        assert result.ok and len(result.data) == 1, source


def test_a_missing_file_is_reported_not_raised(tmp_path: Path) -> None:
    result = read_creators_csv(tmp_path / "absent.csv")
    assert _errors(result) == [
        f"Le fichier « absent.csv » est introuvable (chemin : {tmp_path / 'absent.csv'})."
    ]
    assert "introuvable" in _errors(read_creators_csv("ma_liste.csv"))[0]


def test_only_programming_errors_raise() -> None:
    with pytest.raises(TypeError):
        read_creators_csv(12)  # type: ignore[arg-type]


def test_the_course_own_creators_file_imports_cleanly() -> None:
    result = read_creators_csv(load.data_dir() / "creators.csv")
    assert result.ok, result.messages[:5]
    reference = load.load_creators()
    assert len(result.data) == len(reference)
    assert (result.data["followers"].to_numpy() == reference["followers"].to_numpy()).all()
    unrecognised = {p.column for p in result.problems}
    assert unrecognised <= {"creator_id", "tier"}, unrecognised


def test_report_and_dtypes() -> None:
    result = read_creators_csv("nom;plateforme;abonnés;likes\nA;instagram;1000;10\nB;instagram;x;1\n")
    assert result.report().startswith("1 ligne importée sur 2.\n- Ligne 3")
    assert isinstance(result.data["platform"].dtype, pd.CategoricalDtype)
    assert str(result.data["followers"].dtype) == "Int64" and result.data["avg_likes"].dtype == "float64"
    assert (
        read_creators_csv("nom;plateforme;abonnés;likes\nA;instagram;1000;10\n")
        .report()
        .endswith("Aucun problème détecté.")
    )


@settings(max_examples=150, deadline=None, database=None)
@given(st.one_of(st.binary(max_size=400), st.text(max_size=400)))
def test_never_raises_on_arbitrary_content(content: bytes | str) -> None:
    result = read_creators_csv(content)
    assert isinstance(result, ImportResult)
    assert set(importer.REQUIRED_COLUMNS) <= set(result.data.columns)


@settings(max_examples=100, deadline=None, database=None)
@given(st.lists(st.text(alphabet="0123456789 ,.'%-€kabcé;\n", max_size=12), min_size=4, max_size=4))
def test_a_bad_row_never_costs_the_good_row_after_it(cells: list[str]) -> None:
    text = "nom;plateforme;abonnés;likes\n" + ";".join(cells) + "\nOk;instagram;1000;10\n"
    result = read_creators_csv(text)
    assert "Ok" in set(result.data["display_name"].dropna())


def test_an_unclosed_quote_is_located() -> None:
    result = read_creators_csv(
        'nom;plateforme;abonnés;likes\nA;instagram;1000;10\n"B;instagram;1000;10\nC;tiktok;5;1\n'
    )
    assert any(m.startswith("Ligne 3 : un guillemet (\") n'est pas refermé") for m in _errors(result))


# --------------------------------------------------------------------------- huge cells, stray bytes


def test_a_cell_over_python_csv_limit_is_reported_in_french_with_its_line() -> None:
    huge = "x" * 200_000
    text = f"nom;plateforme;abonnés;likes\nÉlise;instagram;1000;10\nBob;{huge};2000;20\nZoé;tiktok;300;3\n"
    limit_before = csv.field_size_limit()
    result = read_creators_csv(text.encode("utf-8"))
    assert csv.field_size_limit() == limit_before  # the process-wide limit is put back
    assert list(result.data["display_name"]) == ["Élise", "Zoé"]  # the other rows are kept
    assert not any("field" in m or "limit" in m for m in result.messages), result.messages
    [problem] = [p for p in result.problems if p.line == 3]
    assert problem.message.startswith("Ligne 3, colonne « plateforme » : la case compte 200 000 caractères")
    assert problem.row_skipped and len(problem.message) < 400  # the cell is quoted, not pasted whole


def test_an_unclosed_quote_that_swallows_a_big_file_is_located_in_french() -> None:
    body = "".join(f"Nom {index};tiktok;{1000 + index};10\n" for index in range(10_000))
    text = 'nom;plateforme;abonnés;likes\nA;instagram;1000;10\n"B;instagram;1000;10\n' + body
    result = read_creators_csv(text.encode("utf-8"))
    assert any(m.startswith("Ligne 3 : un guillemet (\") n'est pas refermé") for m in _errors(result))
    assert not any("field larger" in m for m in result.messages)
    assert list(result.data["display_name"]) == ["A"]


def test_one_stray_windows_1252_byte_costs_nothing_but_a_warning_on_its_line() -> None:
    lines = ["nom;plateforme;abonnés;likes", "Élise;instagram;1000;10", "Zoé;tiktok;2000;20",
             "Café du coin;youtube;300;3", "Noël;instagram;400;4"]
    content = "\n".join(lines).encode("utf-8").replace("Café".encode(), "Café".encode("cp1252")) + b"\n"
    with pytest.raises(UnicodeDecodeError):
        content.decode("utf-8")
    result = read_creators_csv(content)
    assert result.encoding == "utf-8" and result.ok
    assert list(result.data["display_name"]) == ["Élise", "Zoé", "Café du coin", "Noël"]
    assert result.columns["abonnés"] == "followers"  # headers read right, not « abonnÃ©s »
    [warning] = result.problems
    assert warning.severity == "warning" and warning.line == 4
    assert warning.message.startswith("Ligne 4 : un caractère n'est pas codé en UTF-8")
    assert "0xE9" in warning.message and "Windows-1252" in warning.message


def test_the_stray_byte_line_is_numbered_as_the_spreadsheet_numbers_it() -> None:
    content = (
        "nom;plateforme;abonnés;likes;description\n".encode()
        + 'Élise;instagram;1000;10;"sur\ntrois\nlignes"\n'.encode()
        + "Café;tiktok;2000;20;courte\n".encode("cp1252")  # line 5 of the file, line 3 of the sheet
    )
    result = read_creators_csv(content)
    warnings = [p for p in result.problems if "UTF-8" in p.message]
    assert [p.line for p in warnings] == [3]
    assert list(result.data["display_name"]) == ["Élise", "Café"]


def test_a_whole_windows_1252_file_is_still_read_as_one_without_warning() -> None:
    content = "nom;plateforme;abonnés;likes\nÉlise;instagram;1000;10\nZoé;tiktok;2000;20\n".encode("cp1252")
    result = read_creators_csv(content)
    assert result.encoding == "cp1252" and result.problems == ()
    assert list(result.data["display_name"]) == ["Élise", "Zoé"]


def test_a_stray_byte_in_a_file_with_a_utf8_bom_costs_only_its_line() -> None:
    content = (
        b"\xef\xbb\xbf"
        + "nom,plateforme,abonnés,likes\n".encode()
        + "Noël,instagram,400,4\n".encode("cp1252")
        + "Zoé,tiktok,2000,20\n".encode()
    )
    result = read_creators_csv(content)
    assert list(result.data["display_name"]) == ["Noël", "Zoé"]
    assert [(p.line, p.severity) for p in result.problems] == [(2, "warning")]
