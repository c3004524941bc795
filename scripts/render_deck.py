"""Render a deck to PNG pages for review: .pptx → PDF (LibreOffice) → PNG (pdftoppm).

    uv run python scripts/render_deck.py [SCENARIO.yaml] [--deck DECK.pptx] [--out docs/deck]
        [--sections title,key-figures,...] [--dpi 60] [--install]

Without --deck it builds the deck of the scenario (default: the product's default scenario
with a customer name, so the title slide shows one). Needs Debian's libreoffice-impress,
poppler-utils and fonts-crosextra-carlito; --install runs apt-get for them. Tests never
depend on this script.
"""

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tco.data.presets import default_scenario  # noqa: E402
from tco.export.pptx_deck import SECTIONS, build_deck  # noqa: E402
from tco.export.report import build_report  # noqa: E402
from tco.io.scenario_files import load_scenario_file  # noqa: E402

PACKAGES = ["libreoffice-impress", "poppler-utils", "fonts-crosextra-carlito"]


def _install() -> None:
    subprocess.run(["apt-get", "update", "-qq"], check=True)
    subprocess.run(
        ["apt-get", "install", "-y", "-qq", "--no-install-recommends", *PACKAGES], check=True
    )


def _deck_bytes(args: argparse.Namespace) -> bytes:
    if args.deck:
        return Path(args.deck).read_bytes()
    if args.scenario:
        scenario = load_scenario_file(args.scenario)
    else:
        scenario = default_scenario().model_copy(update={"customer_name": "Example Customer"})
    sections = args.sections.split(",") if args.sections else list(SECTIONS)
    return build_deck(build_report(scenario), sections)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("scenario", nargs="?", help="scenario YAML or JSON file")
    parser.add_argument("--deck", help="render this .pptx instead of building one")
    parser.add_argument("--out", default=str(ROOT / "docs" / "deck"), help="folder for PNGs")
    parser.add_argument("--sections", help="comma-separated deck sections (default: all)")
    parser.add_argument("--dpi", type=int, default=60, help="resolution of the PNG pages")
    parser.add_argument("--install", action="store_true", help="apt-get the tools first")
    args = parser.parse_args()
    if args.install:
        _install()
    office = shutil.which("soffice") or shutil.which("libreoffice")
    if not office or not shutil.which("pdftoppm"):
        print(
            "render_deck: needs LibreOffice and pdftoppm; rerun with --install "
            f"(apt-get install {' '.join(PACKAGES)})",
            file=sys.stderr,
        )
        return 2
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    for old in out.glob("slide-*.png"):
        old.unlink()
    with tempfile.TemporaryDirectory() as work:
        deck = Path(work) / "deck.pptx"
        deck.write_bytes(_deck_bytes(args))
        env = {**os.environ, "HOME": work}  # LibreOffice writes its profile under HOME
        subprocess.run(
            [office, "--headless", "--convert-to", "pdf", "--outdir", work, str(deck)],
            check=True,
            env=env,
            capture_output=True,
            timeout=180,
        )
        subprocess.run(
            [
                "pdftoppm",
                "-png",
                "-r",
                str(args.dpi),
                str(deck.with_suffix(".pdf")),
                str(out / "slide"),
            ],
            check=True,
            timeout=180,
        )
    pages = sorted(out.glob("slide-*.png"))
    print("\n".join(str(p.relative_to(ROOT) if p.is_relative_to(ROOT) else p) for p in pages))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
