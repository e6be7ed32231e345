"""A small Sphinx extension for the course's book (listed in ``_config.yml``, ``sphinx.config.extensions``).

1. **Home links.** Chapters end with a link to ``00_accueil.ipynb``, the live home in JupyterLab
   (:mod:`influence_workbook.authoring.navigation`). That notebook is not a page of the book
   (``exclude_patterns``), so MyST's link to it would be missing (a warning, an error under -W). In
   the book, these links lead to the book's home page (``root_doc``) instead.
2. **Kernel start-up warning.** The book executes the notebooks with jupyter-cache, whose kernels
   talk to the builder over TCP on 127.0.0.1; ipykernel 7 then logs « Kernel is running over TCP
   without encryption » at start-up, once per notebook (twelve lines in a build). The IPC transport
   the warning suggests cannot be chosen here: jupyter-cache builds its kernel manager without any
   configuration, and an IPC kernel manager without a connection file puts its sockets in the
   builder's folder while the kernel runs in the notebook's (they never meet). So the kernels the
   build starts log at ERROR level (``--IPKernelApp.log_level=ERROR``). This quiets only the kernel
   process's own start-up log: a cell's warnings still reach the build through its outputs
   (``stderr_output: warn`` in ``_config.yml``) and still fail it under ``-W``.
3. **The book's medium.** The kernels the build starts inherit ``INFLUENCE_WORKBOOK_MEDIUM=book``: a
   chapter's quiz is then the static HTML quiz that answers with no kernel, not the live widget
   (:func:`influence_workbook.quiz.show_quiz`). Set here, it holds for ``make book`` and the tests'
   builds alike.
"""

from __future__ import annotations

import os
from pathlib import PurePosixPath
from typing import Any

from docutils import nodes
from nbclient import NotebookClient
from sphinx import addnodes
from sphinx.application import Sphinx

from influence_workbook.quiz import MEDIUM_VARIABLE

HOME_NOTEBOOK = "00_accueil.ipynb"
#: The kernel's own log level during the build (its start-up notices and warnings).
KERNEL_LOG_LEVEL = "--IPKernelApp.log_level=ERROR"


def rewrite_home_links(doctree: nodes.Node, root_doc: str) -> int:
    """Turn each link to the home notebook into a link to ``root_doc``; the number rewritten."""
    count = 0
    home = PurePosixPath(HOME_NOTEBOOK)
    links = (addnodes.download_reference, addnodes.pending_xref)
    for node in list(doctree.findall(lambda candidate: isinstance(candidate, links))):
        target = PurePosixPath(str(node.get("reftarget", "")).split("#", 1)[0])
        # MyST writes a download of the file, or (the file being a notebook) a link to the document
        # « notebooks/00_accueil », which the build then misses: both mean the home.
        is_home = target.name == home.name if isinstance(node, addnodes.download_reference) else (
            node.get("refdomain") == "doc" and node.get("reftype") == "myst" and target.name in {home.name, home.stem})
        if not is_home:
            continue
        link = addnodes.pending_xref(
            "", *node.children, refdomain="std", reftype="doc", reftarget="/" + root_doc,
            refexplicit=True, refwarn=True, refdoc=node.get("refdoc", ""),
        )
        for part in (link, *link.findall(nodes.Element)):  # MyST puts « download » on the inner text
            part["classes"] = [name for name in part.get("classes", []) if name != "download"]
        node.replace_self(link)
        count += 1
    return count


def quiet_kernel_start_up() -> list[str]:
    """Kernels started by nbclient in this process log errors only; the arguments they get."""
    trait = NotebookClient.extra_arguments
    current = list(trait.default_value) if isinstance(trait.default_value, list) else []  # unset: []
    if KERNEL_LOG_LEVEL not in current:
        trait.default_value = [*current, KERNEL_LOG_LEVEL]
    return list(trait.default_value)


def _on_doctree_read(app: Sphinx, doctree: nodes.document) -> None:
    rewrite_home_links(doctree, app.config.root_doc)


def setup(app: Sphinx) -> dict[str, Any]:
    # Before Sphinx's download collector (priority 500) would copy the notebook into _downloads.
    app.connect("doctree-read", _on_doctree_read, priority=400)
    quiet_kernel_start_up()
    os.environ[MEDIUM_VARIABLE] = "book"  # the notebooks' kernels are started by this process
    return {"parallel_read_safe": True, "parallel_write_safe": True}
