#!/usr/bin/env python3
"""Writes datasets/fashion-mnist-fixture/: the first 2000 training and the first 500
test samples of Fashion-MNIST, in the original IDX .gz format and file names.

Usage: python3 datasets/make_fashion_mnist_fixture.py [SOURCE_FOLDER]
SOURCE_FOLDER defaults to $BACKPROP_DATA/fashion-mnist or /usr/share/datasets/fashion-mnist.
The output is byte-identical on every run (gzip header time and name are fixed).
"""
import gzip
import os
import struct
import sys

TRAIN_COUNT = 2000
TEST_COUNT = 500


def read_idx(path):
    with gzip.open(path, "rb") as stream:
        data = stream.read()
    magic = struct.unpack(">I", data[:4])[0]
    dimension_count = magic & 0xFF
    dimensions = list(struct.unpack(">" + "I" * dimension_count, data[4:4 + 4 * dimension_count]))
    return magic, dimensions, data[4 + 4 * dimension_count:]


def write_idx(path, magic, dimensions, payload):
    header = struct.pack(">I", magic) + struct.pack(">" + "I" * len(dimensions), *dimensions)
    with open(path, "wb") as raw:
        with gzip.GzipFile(filename="", mode="wb", fileobj=raw, compresslevel=9, mtime=0) as stream:
            stream.write(header + payload)


def take_first(source, destination, name, count):
    magic, dimensions, payload = read_idx(os.path.join(source, name))
    item_size = 1
    for size in dimensions[1:]:
        item_size *= size
    write_idx(os.path.join(destination, name), magic, [count] + dimensions[1:], payload[:count * item_size])


def main():
    default_root = os.environ.get("BACKPROP_DATA", "/usr/share/datasets")
    source = sys.argv[1] if len(sys.argv) > 1 else os.path.join(default_root, "fashion-mnist")
    destination = os.path.join(os.path.dirname(os.path.abspath(__file__)), "fashion-mnist-fixture")
    os.makedirs(destination, exist_ok=True)
    for split, count in (("train", TRAIN_COUNT), ("t10k", TEST_COUNT)):
        take_first(source, destination, f"{split}-images-idx3-ubyte.gz", count)
        take_first(source, destination, f"{split}-labels-idx1-ubyte.gz", count)


if __name__ == "__main__":
    main()
