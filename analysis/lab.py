"""Working copies of the notebooks for JupyterLab (issue 14): the tracked notebooks stay clean.

``make lab`` runs ``python -m analysis.lab`` and opens JupyterLab on ``lab/``
(ignored by git), never on ``notebooks/``: editing the parameters cell and
running it autosaves outputs, parameters and tracebacks into the copy only.
A copy that exists is never overwritten (it holds the student's work); delete
it to start again from the tracked notebook.
"""

from __future__ import annotations

import sys
from pathlib import Path

from analysis import config

__all__ = ["LAB_DIR", "prepare_lab"]

#: Where the working copies go (listed in .gitignore).
LAB_DIR = config.ROOT / "lab"


def prepare_lab(directory: str | Path | None = None, *, notebooks: str | Path | None = None) -> list[Path]:
    """Copy every ``NN-*.ipynb`` of ``notebooks/`` into ``lab/`` without outputs, unless a copy exists.

    Returns the copies made (an existing copy is kept as it is).  Outputs and
    execution counts are dropped, so a copy starts as clean as the tracked notebook.
    """
    import nbformat

    dest = Path(directory) if directory is not None else LAB_DIR
    source = Path(notebooks) if notebooks is not None else config.NOTEBOOKS_DIR
    dest.mkdir(parents=True, exist_ok=True)
    made = []
    for nb_path in sorted(source.glob("[0-9][0-9]-*.ipynb")):
        target = dest / nb_path.name
        if target.exists():
            continue
        nb = nbformat.read(nb_path, as_version=4)
        for cell in nb.cells:
            if cell.cell_type == "code":
                cell.outputs = []
                cell.execution_count = None
        nbformat.write(nb, target)
        made.append(target)
    return made


if __name__ == "__main__":
    copies = prepare_lab()
    print(f"lab/: {len(copies)} new working copies of the notebooks (existing copies kept); "
          "edit and run them there: notebooks/ is never saved by JupyterLab.")
    sys.exit(0)
