"""Print how many tests ran in each stage of `make test`, from the stages' JUnit XML files.

Fails when a stage is missing or ran no test, so a silently skipped stage cannot pass CI.
"""

import sys
import xml.etree.ElementTree as ET
from pathlib import Path


def main(folder: str, *tahap: str) -> int:
    total = {"passed": 0, "failed": 0, "skipped": 0}
    gagal = False
    print("\nRingkasan tes per tahap:")
    for nama in tahap:
        berkas = Path(folder) / f"{nama}.xml"
        if not berkas.exists():
            print(f"  {nama:10} TIDAK DIJALANKAN")
            gagal = True
            continue
        akar = ET.parse(berkas).getroot()
        suite = akar if akar.tag == "testsuite" else akar.find("testsuite")
        n = int(suite.get("tests", 0))
        salah = int(suite.get("failures", 0)) + int(suite.get("errors", 0))
        lewat = int(suite.get("skipped", 0))
        lulus = n - salah - lewat
        print(f"  {nama:10} {lulus} lulus, {salah} gagal, {lewat} dilewati")
        total["passed"] += lulus
        total["failed"] += salah
        total["skipped"] += lewat
        gagal = gagal or salah > 0 or lulus == 0
    print(f"{total['passed']} passed, {total['failed']} failed, {total['skipped']} skipped")
    return 1 if gagal else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], *sys.argv[2:]))
