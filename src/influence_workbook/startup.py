"""What ``make start`` (``scripts/start.sh``) asks before starting JupyterLab: is the port free, is
there a browser to open. Light on purpose (no Jupyter import): it runs before every start.

``python -m influence_workbook.startup port-free 8888`` exits 0 when JupyterLab could listen on
127.0.0.1:8888, 1 otherwise; ``python -m influence_workbook.startup has-browser`` exits 0 when
Python's ``webbrowser`` (which JupyterLab uses) finds a browser to open, 1 otherwise.
"""

from __future__ import annotations

import socket
import sys
import webbrowser

HOST = "127.0.0.1"


def port_is_free(port: int, host: str = HOST) -> bool:
    """Whether a server could listen on ``host:port`` now, tried with the bind JupyterLab itself does.

    Tornado sets SO_REUSEADDR before binding, so the connections of a server stopped a moment ago
    (left in TIME_WAIT for up to a minute after a Ctrl+C) do not keep it from listening again. A
    check without that option said « port déjà utilisé » although nothing listened. With it, only a
    socket that really listens on the port (another JupyterLab…) makes the bind fail.
    """
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        if sys.platform != "win32":  # on Windows the option would let two servers share the port
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
            probe.listen(1)
        except OSError:
            return False
    return True


def browser_available() -> bool:
    """Whether JupyterLab would find a browser to open (it asks Python's ``webbrowser`` too)."""
    try:
        webbrowser.get()
    except webbrowser.Error:
        return False
    return True


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) == 2 and args[0] == "port-free" and args[1].isdigit():
        return 0 if port_is_free(int(args[1])) else 1
    if args == ["has-browser"]:
        return 0 if browser_available() else 1
    print("usage: python -m influence_workbook.startup port-free PORT | has-browser", file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main())
