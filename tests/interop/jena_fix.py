"""Run Apache Jena ARQ's remote query (`arq.rsparql`) from Debian's libapache-jena-java unmodified.

Debian's packaging has two problems (stack-facts §10):

1. A class path of /usr/share/java/* aborts on conflicting SLF4J bindings, so we list only the
   Jena jars and their dependencies, plus exactly one binding (slf4j-nop).
2. Debian's jena-core relocates its bundled Xerces classes from org.apache.jena.ext.xerces to
   `xerces.*` but leaves their message bundles (*.properties) at the old path, so ARQ dies at
   start-up (`RuntimeException: internal error` in XSSimpleTypeDecl.applyFacets1, raised when a
   message bundle is missing). `bundle_fix_jar` writes a small jar that copies those bundles to the
   relocated package path; put first on the class path, it fixes start-up.
"""

from __future__ import annotations

import shutil
import subprocess
import zipfile
from pathlib import Path

JAVA_DIR = Path("/usr/share/java")
JARS = (
    "jena-cmds jena-arq jena-core jena-base jena-iri commons-lang3 commons-io commons-codec commons-compress "
    "commons-cli commons-csv dexx.collection gson jsonld-java jackson-core jackson-databind jackson-annotations "
    "httpclient httpcore httpclient-cache titanium-json-ld jakarta.json-api protobuf thrift guava slf4j-api slf4j-nop"
).split()
OLD_PREFIX = "org/apache/jena/ext/xerces/"
NEW_PREFIX = "xerces/"


def missing() -> str | None:
    """Why rsparql cannot run here (None when it can)."""
    if shutil.which("java") is None:
        return "no java on PATH (install default-jre-headless)"
    absent = [j for j in JARS if not (JAVA_DIR / f"{j}.jar").exists()]
    if absent:
        return f"Debian's libapache-jena-java or its dependencies are missing ({', '.join(absent)}.jar in {JAVA_DIR})"
    return None


def bundle_fix_jar(out_dir: Path) -> Path:
    """Copy jena-core's Xerces message bundles to the relocated `xerces/` package path, in a jar of their own."""
    out = Path(out_dir) / "jena-xerces-bundles.jar"
    with zipfile.ZipFile(JAVA_DIR / "jena-core.jar") as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        dst.writestr("META-INF/MANIFEST.MF", "Manifest-Version: 1.0\nCreated-By: china-russia-kg tests (jena_fix.py)\n\n")
        n = 0
        for name in src.namelist():
            if name.startswith(OLD_PREFIX) and name.endswith(".properties"):
                dst.writestr(NEW_PREFIX + name[len(OLD_PREFIX):], src.read(name))
                n += 1
    if n == 0:
        raise RuntimeError(f"no Xerces message bundles under {OLD_PREFIX} in jena-core.jar: the packaging changed")
    return out


def classpath(out_dir: Path) -> str:
    return ":".join([str(bundle_fix_jar(out_dir))] + [str(JAVA_DIR / f"{j}.jar") for j in JARS])


def rsparql(out_dir: Path, service: str, query: str, results: str = "json", timeout_s: float = 120) -> subprocess.CompletedProcess:
    """`arq.rsparql --service URL --results FMT QUERY`, as a user of Jena would run it."""
    cmd = ["java", "-Xmx256m", "-cp", classpath(out_dir), "arq.rsparql", "--service", service, "--results", results, query]
    return subprocess.run(cmd, capture_output=True, text=True, timeout=timeout_s)
