"""Reads and writes the safetensors format without the `safetensors` package.

A file is an 8-byte little-endian header length N, then N bytes of JSON mapping
each tensor name to {"dtype", "shape", "data_offsets": [begin, end]}, then the
raw little-endian data; offsets count from the first byte after the header. An
optional "__metadata__" entry maps strings to strings.

The reader checks what a careless writer gets wrong (offsets out of range or
overlapping, sizes that disagree with shapes, holes), so a bad file from the
Swift side fails the parity check with a message instead of giving garbage.
"""

import ctypes
import json
import struct

# safetensors dtype name -> (bytes per element, torch dtype attribute name)
DTYPES = {
    "F64": (8, "float64"),
    "F32": (4, "float32"),
    "F16": (2, "float16"),
    "BF16": (2, "bfloat16"),
    "I64": (8, "int64"),
    "I32": (4, "int32"),
    "I16": (2, "int16"),
    "I8": (1, "int8"),
    "U8": (1, "uint8"),
    "BOOL": (1, "bool"),
}

# Header lengths beyond this are certainly a corrupt file, not a real header.
MAX_HEADER_BYTES = 100 * 1024 * 1024


class SafetensorsError(ValueError):
    """A file that does not follow the safetensors format."""


def read_raw(path):
    """Returns ({name: (dtype, shape, bytes)}, metadata) after validating the layout."""
    with open(path, "rb") as f:
        blob = f.read()
    if len(blob) < 8:
        raise SafetensorsError(f"{path}: {len(blob)} bytes, shorter than the 8-byte header length")
    (header_length,) = struct.unpack("<Q", blob[:8])
    if header_length > MAX_HEADER_BYTES or 8 + header_length > len(blob):
        raise SafetensorsError(
            f"{path}: header length {header_length} does not fit in a file of {len(blob)} bytes")
    try:
        header = json.loads(blob[8:8 + header_length].decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise SafetensorsError(f"{path}: header is not valid JSON: {error}") from None
    if not isinstance(header, dict):
        raise SafetensorsError(f"{path}: header is not a JSON object")

    metadata = header.pop("__metadata__", None) or {}
    data = memoryview(blob)[8 + header_length:]
    tensors = {}
    spans = []
    for name, entry in header.items():
        try:
            dtype = entry["dtype"]
            shape = [int(n) for n in entry["shape"]]
            begin, end = (int(n) for n in entry["data_offsets"])
        except (KeyError, TypeError, ValueError):
            raise SafetensorsError(
                f"{path}: tensor {name!r} needs dtype, shape and two data_offsets, got {entry!r}") from None
        if dtype not in DTYPES:
            raise SafetensorsError(f"{path}: tensor {name!r} has unknown dtype {dtype!r}")
        if any(n < 0 for n in shape):
            raise SafetensorsError(f"{path}: tensor {name!r} has a negative dimension in {shape}")
        if not 0 <= begin <= end <= len(data):
            raise SafetensorsError(
                f"{path}: tensor {name!r} offsets [{begin}, {end}] are outside the {len(data)} data bytes")
        count = 1
        for n in shape:
            count *= n
        expected = count * DTYPES[dtype][0]
        if end - begin != expected:
            raise SafetensorsError(
                f"{path}: tensor {name!r} is {dtype} {shape} ({expected} bytes) "
                f"but its offsets span {end - begin} bytes")
        tensors[name] = (dtype, shape, bytes(data[begin:end]))
        spans.append((begin, end, name))

    position = 0
    for begin, end, name in sorted(spans):
        if begin < position:
            raise SafetensorsError(f"{path}: tensor {name!r} overlaps the tensor before it")
        if begin > position:
            raise SafetensorsError(f"{path}: {begin - position} unused bytes before tensor {name!r}")
        position = end
    if position != len(data):
        raise SafetensorsError(f"{path}: {len(data) - position} bytes after the last tensor")
    return tensors, metadata


def read_tensors(path):
    """Returns {name: torch.Tensor} for a safetensors file, each tensor a copy."""
    import torch

    tensors, _ = read_raw(path)
    result = {}
    for name, (dtype, shape, raw) in tensors.items():
        torch_dtype = getattr(torch, DTYPES[dtype][1])
        if raw:
            flat = torch.frombuffer(bytearray(raw), dtype=torch_dtype)
        else:
            flat = torch.empty(0, dtype=torch_dtype)
        result[name] = flat.reshape(shape).clone()
    return result


def write_tensors(path, tensors, metadata=None):
    """Writes {name: torch.Tensor} (CPU) as safetensors, names in sorted order."""
    import torch

    dtype_names = {getattr(torch, torch_name): name for name, (_, torch_name) in DTYPES.items()}
    header = {}
    chunks = []
    offset = 0
    for name in sorted(tensors):
        tensor = tensors[name].detach().cpu().contiguous()
        if tensor.dtype not in dtype_names:
            raise SafetensorsError(f"tensor {name!r}: dtype {tensor.dtype} has no safetensors name")
        # The contiguous CPU storage already is the little-endian layout the format wants.
        raw = ctypes.string_at(tensor.data_ptr(), tensor.numel() * tensor.element_size())
        header[name] = {
            "dtype": dtype_names[tensor.dtype],
            "shape": list(tensor.shape),
            "data_offsets": [offset, offset + len(raw)],
        }
        chunks.append(raw)
        offset += len(raw)
    if metadata:
        header["__metadata__"] = {str(k): str(v) for k, v in metadata.items()}
    encoded = json.dumps(header, separators=(",", ":")).encode("utf-8")
    # Padding the header with spaces keeps the data 8-byte aligned, as the
    # reference implementation does.
    encoded += b" " * (-len(encoded) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(encoded)))
        f.write(encoded)
        for chunk in chunks:
            f.write(chunk)

