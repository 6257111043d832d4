#!/usr/bin/env python3
"""Writes large, realistic inventories for the memory benchmark (bench/inventory-rss.sh).

  gen_inventory.py cmdb ROWS OUT.csv     a CMDB export: one row per asset, the columns a CMDB tool
                                         exports (id, hostname, IP, MAC, vendor, model, firmware,
                                         category, location, owner, C/I/A, serial, OS), makers from
                                         PRC vendors (Hikvision, Dahua, Huawei, ...) and others
  gen_inventory.py sbom MEGABYTES OUT.json   a CycloneDX 1.5 SBOM of about that size: components
                                         with purls, suppliers, authors and CPEs

The output depends only on the arguments (a fixed seed), so runs compare like with like.
"""
import json
import random
import sys

# (vendor as CMDBs spell it, models, category, OUI of the vendor's NICs)
MAKERS = [
    ("Hikvision", ["DS-2CD2143G2-I", "DS-2CD2387G2-LU", "DS-7608NI-K2"], "IP camera", "44:47:cc"),
    ("Dahua", ["IPC-HFW2431S", "NVR4108HS-4KS2", "DHI-ASI7213Y"], "IP camera", "3c:ef:8c"),
    ("Huawei", ["S5735-L24T4X", "AR6120", "OceanStor 5310"], "network switch", "00:e0:fc"),
    ("ZTE", ["ZXR10 5960", "F670L", "MF286R"], "router", "00:19:c6"),
    ("Hangzhou H3C", ["S5130S-28S", "MSR3620"], "network switch", "00:0f:e2"),
    ("Huawei Sun2000", ["SUN2000-10KTL-M1", "SUN2000-36KTL"], "pv inverter", "00:e0:fc"),
    ("TP-Link", ["TL-SG108E", "EAP245"], "access point", "50:c7:bf"),
    ("Siemens", ["SIMATIC S7-1500", "SCALANCE X208", "SIMATIC HMI KTP700"], "plc", "00:1b:1b"),
    ("Cisco", ["Catalyst 9300", "ISR 4331", "Meraki MR46"], "network switch", "00:1b:54"),
    ("Dell", ["PowerEdge R750", "OptiPlex 7090", "Latitude 5520"], "server", "f8:bc:12"),
    ("HP", ["ProLiant DL380 Gen10", "LaserJet M607"], "server", "3c:d9:2b"),
    ("Axis", ["P3245-V", "Q6135-LE"], "IP camera", "00:40:8c"),
    ("Schneider Electric", ["Modicon M340", "PowerLogic PM5560"], "plc", "00:80:f4"),
    ("Lenovo", ["ThinkPad T14", "ThinkSystem SR650"], "laptop", "98:fa:9b"),
    ("Fortinet", ["FortiGate 100F"], "firewall", "00:09:0f"),
]
SITES = ["Praha HQ", "Brno DC", "Ostrava plant", "Plzeň depot", "Liberec substation", "České Budějovice"]
OWNERS = ["IT Operations", "OT Engineering", "Security", "Facilities", "Finance IT", "Network team"]


def cmdb(rows, out):
    rng = random.Random(19)
    with open(out, "w", encoding="utf-8", newline="") as f:
        f.write("asset_id,hostname,ip_address,mac_address,vendor,model,firmware,category,location,owner,"
                "c,i,a,serial_number,os\r\n")
        for n in range(rows):
            vendor, models, category, oui = MAKERS[rng.randrange(len(MAKERS))]
            model = models[rng.randrange(len(models))]
            ip = f"10.{(n >> 16) & 255}.{(n >> 8) & 255}.{n & 255}"
            mac = f"{oui}:{(n >> 16) & 255:02x}:{(n >> 8) & 255:02x}:{n & 255:02x}"
            host = f"{category.split()[-1][:6]}-{n:07d}.corp.example"
            site = SITES[rng.randrange(len(SITES))]
            fw = f"V{rng.randrange(1, 6)}.{rng.randrange(10)}.{rng.randrange(100)}"
            c, i, a = rng.randrange(1, 5), rng.randrange(1, 5), rng.randrange(1, 5)
            serial = f"SN{rng.randrange(10**9, 10**10)}"
            os_name = ["", "Linux 4.9", "VxWorks 7", "Windows Server 2019", "RouterOS"][rng.randrange(5)]
            f.write(f"A-{n:07d},{host},{ip},{mac},{vendor},{model},{fw},{category},\"{site}\","
                    f"{OWNERS[rng.randrange(len(OWNERS))]},{c},{i},{a},{serial},{os_name}\r\n")


# (supplier, purl namespace by ecosystem)
SUPPLIERS = [
    ("Alibaba Group", "pkg:maven/com.alibaba/{}@{}"),
    ("Tencent", "pkg:maven/com.tencent/{}@{}"),
    ("Huawei Technologies", "pkg:maven/com.huawei/{}@{}"),
    ("Baidu", "pkg:npm/%40baidu/{}@{}"),
    ("Apache Software Foundation", "pkg:maven/org.apache/{}@{}"),
    ("Google LLC", "pkg:maven/com.google/{}@{}"),
    ("Microsoft", "pkg:nuget/Microsoft.{}@{}"),
    ("Python Software Foundation", "pkg:pypi/{}@{}"),
    ("Red Hat", "pkg:rpm/redhat/{}@{}"),
    ("Eclipse Foundation", "pkg:maven/org.eclipse/{}@{}"),
]
WORDS = ["fast", "json", "core", "net", "util", "crypto", "log", "http", "xml", "yaml", "cache", "db", "rpc",
         "auth", "io", "stream", "codec", "pool", "config", "metrics"]


def sbom(megabytes, out):
    rng = random.Random(19)
    target = megabytes * 1_000_000
    with open(out, "w", encoding="utf-8") as f:
        head = {"bomFormat": "CycloneDX", "specVersion": "1.5", "version": 1,
                "metadata": {"component": {"type": "application", "name": "scada-hmi", "version": "4.2.0",
                                           "supplier": {"name": "Example Automation s.r.o."}}}}
        text = json.dumps(head, indent=2)
        f.write(text[:-2] + ',\n  "components": [\n')
        written, n = len(text), 0
        while written < target:
            supplier, purl = SUPPLIERS[rng.randrange(len(SUPPLIERS))]
            name = "-".join(rng.choice(WORDS) for _ in range(2)) + f"-{n}"
            version = f"{rng.randrange(1, 9)}.{rng.randrange(20)}.{rng.randrange(50)}"
            component = {
                "type": "library", "bom-ref": f"ref-{n}", "name": name, "version": version,
                "supplier": {"name": supplier, "url": ["https://example.com/" + supplier.split()[0].lower()]},
                "authors": [{"name": f"{supplier} developers"}],
                "publisher": supplier,
                "purl": purl.format(name, version),
                "cpe": f"cpe:2.3:a:{supplier.split()[0].lower()}:{name}:{version}:*:*:*:*:*:*:*",
                "licenses": [{"license": {"id": "Apache-2.0"}}],
                "hashes": [{"alg": "SHA-256", "content": "%064x" % rng.getrandbits(256)}],
            }
            chunk = ("" if n == 0 else ",\n") + "    " + json.dumps(component)
            f.write(chunk)
            written += len(chunk)
            n += 1
        f.write("\n  ]\n}\n")


def main():
    if len(sys.argv) != 4 or sys.argv[1] not in ("cmdb", "sbom"):
        sys.exit(__doc__)
    (cmdb if sys.argv[1] == "cmdb" else sbom)(int(sys.argv[2]), sys.argv[3])


if __name__ == "__main__":
    main()
