"""The file `spark-submit` runs: `spark-submit [options] .../eventwire/spark_main.py INPUT... --output DIR`.

The master, executors and memory come from spark-submit; this only codes the inputs (see docs/spark.md).
"""

from __future__ import annotations

import argparse
import sys

from eventwire.spark import run  # absolute: spark-submit runs this file as a script


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="eventwire-spark", description=__doc__)
    parser.add_argument("inputs", nargs="+", help="JSONL and WARC files, folders or URIs")
    parser.add_argument("--output", required=True, help="folder or URI for the Parquet output")
    parser.add_argument("--partitions", type=int, help="partitions to code in")
    parser.add_argument("--model", help="spaCy pipeline name")
    parser.add_argument("--published", help="publication date for inputs that carry none")
    args = parser.parse_args(argv)
    counts = run(args.inputs, args.output, model=args.model, published=args.published, partitions=args.partitions)
    print(f"{counts['articles']} article(s), {counts['events']} event(s), {counts['problems']} bad record(s)",
          file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
