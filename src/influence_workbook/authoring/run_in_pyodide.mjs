// Compile the standard library and the wheels of a folder with Pyodide's own Python (bytecode.py), at build time, in Node.js.
// Usage: node run_in_pyodide.mjs PYODIDE_DIR WHEELS_DIR BYTECODE_PY
// Pyodide reads nothing from the network here: its core is loaded from PYODIDE_DIR, the folders are mounted.
import path from "node:path";
import { pathToFileURL } from "node:url";

const [pyodideDir, wheelsDir, script] = process.argv.slice(2);
const { loadPyodide } = await import(pathToFileURL(path.join(pyodideDir, "pyodide.mjs")).href);
const pyodide = await loadPyodide({ indexURL: pyodideDir + path.sep });
pyodide.FS.mkdirTree("/wheels");
pyodide.FS.mount(pyodide.FS.filesystems.NODEFS, { root: wheelsDir }, "/wheels");
pyodide.FS.mkdirTree("/authoring");
pyodide.FS.mount(pyodide.FS.filesystems.NODEFS, { root: path.dirname(script) }, "/authoring");
pyodide.runPython(`
import runpy
runpy.run_path("/authoring/${path.basename(script)}", run_name="bytecode")["main"](["/wheels"])
`);
