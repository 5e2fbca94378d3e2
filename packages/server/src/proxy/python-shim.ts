/**
 * `sitecustomize.py` for the folder `switchboard env` puts on `PYTHONPATH`. twilio-python before
 * 7.9.1 (Debian 12's python3-twilio is 7.7.1) sends its requests without reading
 * `REQUESTS_CA_BUNDLE`, so requests verifies against its built-in bundle and refuses the local CA.
 * This makes requests' default bundle follow the variable, as later twilio-python releases do by
 * themselves; it does nothing else, loads nothing until requests is imported, and then runs the
 * `sitecustomize` it hides.
 */
export const PYTHON_SITECUSTOMIZE = `# Written by Switchboard ("switchboard env"). requests' default CA bundle follows REQUESTS_CA_BUNDLE,
# also for clients that bypass it (twilio-python < 7.9.1), so Switchboard's local CA is trusted.
import importlib.abc
import importlib.util
import os
import sys


class _DefaultBundleFromEnvironment(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name != "requests.utils" or not os.environ.get("REQUESTS_CA_BUNDLE"):
            return None
        sys.meta_path.remove(self)
        spec = importlib.util.find_spec(name)
        if spec is not None and spec.loader is not None:
            run_module = spec.loader.exec_module

            def exec_module(module):
                run_module(module)
                module.DEFAULT_CA_BUNDLE_PATH = os.environ["REQUESTS_CA_BUNDLE"]

            spec.loader.exec_module = exec_module
        return spec


def _run_hidden_sitecustomize():
    here = os.path.dirname(os.path.abspath(__file__))
    for entry in sys.path:
        candidate = os.path.join(entry or ".", "sitecustomize.py")
        if os.path.abspath(entry or ".") != here and os.path.isfile(candidate):
            with open(candidate) as source:
                exec(compile(source.read(), candidate, "exec"), {"__name__": "sitecustomize", "__file__": candidate})
            return


sys.meta_path.insert(0, _DefaultBundleFromEnvironment())
_run_hidden_sitecustomize()
`;
