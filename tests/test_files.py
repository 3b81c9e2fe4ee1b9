"""Reading inputs: encodings, binary refusal, structure kept; atomic writes."""

from __future__ import annotations

import os

import pytest

from toolkit.errors import InputError, OutputError
from toolkit.files import decode_bytes, read_input, write_atomic

TEXT = "Título\r\n\r\nPrimer párrafo.\n\n\n  Segundo — «citado».\n"


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (TEXT.encode("utf-8"), "utf-8"),
        (b"\xef\xbb\xbf" + TEXT.encode("utf-8"), "utf-8-sig"),
        (TEXT.encode("utf-16"), "utf-16"),
        (TEXT.encode("utf-16-be").join([b"\xfe\xff", b""]), "utf-16"),
    ],
)
def test_unicode_encodings_round_trip_exactly(tmp_path, data, encoding):
    path = tmp_path / "in.txt"
    path.write_bytes(data)
    got = read_input(path)
    assert got.text == TEXT
    assert got.encoding == encoding
    assert got.warnings == []


def test_legacy_single_byte_is_decoded_with_a_warning(tmp_path):
    path = tmp_path / "legacy.txt"
    path.write_bytes("Café à Paris — «oui»".encode("cp1252"))
    got = read_input(path)
    assert got.text == "Café à Paris — «oui»"
    assert got.encoding == "cp1252"
    assert "not valid UTF-8" in got.warnings[0]


def test_stdin_dash():
    assert read_input("-", stdin=b"hola").text == "hola"


@pytest.mark.parametrize(
    ("setup", "fragment"),
    [
        (lambda p: None, "no such file"),
        (lambda p: p.mkdir(), "is a directory"),
        (lambda p: p.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), "binary"),
        (lambda p: p.write_bytes(bytes(range(1, 32)) * 50), "binary"),
    ],
)
def test_bad_inputs_are_refused(tmp_path, setup, fragment):
    path = tmp_path / "thing"
    setup(path)
    with pytest.raises(InputError, match=fragment):
        read_input(path)


@pytest.mark.skipif(os.geteuid() == 0, reason="root can read anything")
def test_unreadable_file_is_refused(tmp_path):
    path = tmp_path / "secret.txt"
    path.write_text("x")
    path.chmod(0)
    with pytest.raises(InputError, match="permission denied"):
        read_input(path)


def test_bad_utf16_after_bom_is_refused():
    with pytest.raises(InputError, match="invalid utf-16"):
        decode_bytes(b"\xff\xfe\x00\xd8", "x")


def test_write_atomic_replaces_whole_file_and_leaves_no_temp(tmp_path):
    target = tmp_path / "sub" / "out.txt"
    write_atomic(target, "one\r\ntwo")
    write_atomic(target, "three")
    assert target.read_bytes() == b"three"
    assert [p.name for p in target.parent.iterdir()] == ["out.txt"]


def test_write_atomic_refuses_directory(tmp_path):
    with pytest.raises(OutputError):
        write_atomic(tmp_path, "x")


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_without_bom_is_refused_by_name(codec):
    data = "Der Bundestag hat heute ein Gesetz beschlossen.\n".encode(codec)
    with pytest.raises(InputError, match="UTF-16 without a byte-order mark") as caught:
        decode_bytes(data, "x")
    assert "with a BOM" in caught.value.one_line()


def test_content_errors_do_not_get_the_file_reading_hint(capsys):
    """'pass a readable UTF-8 file' is advice for unreadable files, not for empty ones."""
    from cli_helpers import assert_clean_error, run_cli

    result = run_cli(["translate", "-", "--to", "es"], stdin=b"\n\n", capsys=capsys)
    assert_clean_error(result, 3, "empty input")
    assert "readable" not in result.stderr
    with pytest.raises(InputError) as caught:
        read_input("/nonexistent/article.txt")
    assert "readable UTF-8" in caught.value.one_line()
