"""Static files stay well-formed: a lost brace in app.css silently moves every later rule into
a media query (it happened once, in a merge)."""

from pathlib import Path

STATIC = Path(__file__).resolve().parent.parent / "static"


def _without_comments(css: str) -> str:
    out, i = [], 0
    while (start := css.find("/*", i)) != -1:
        out.append(css[i:start])
        i = css.index("*/", start) + 2
    out.append(css[i:])
    return "".join(out)


def test_stylesheets_have_balanced_braces_at_every_point():
    for path in STATIC.rglob("*.css"):
        depth = 0
        for number, line in enumerate(_without_comments(path.read_text()).splitlines(), 1):
            depth += line.count("{") - line.count("}")
            assert depth >= 0, f"{path.name}:{number}: a '}}' closes nothing"
        assert depth == 0, f"{path.name}: {depth} block(s) never closed"


def test_no_merge_markers_in_templates_or_static_files():
    root = STATIC.parent
    for path in [*root.joinpath("templates").rglob("*.html"), *STATIC.rglob("*.*")]:
        if path.suffix in {".png", ".jpg", ".webp", ".ico"}:
            continue
        text = path.read_text(encoding="utf-8")
        for marker in ("<<<<<<< ", ">>>>>>> ", "\n=======\n"):
            assert marker not in text, f"{path.relative_to(root)} holds a merge marker"
