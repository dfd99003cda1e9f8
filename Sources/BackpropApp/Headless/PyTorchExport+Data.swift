/// The data part of the script: it reads the same files as the engine and prepares them the
/// same way; what only Backprop's own random numbers can make (generated points and sequences,
/// a seeded split) comes from the companion file.
extension PyTorchExport {
    /// Paths and sizes at the top of the script, where a reader can change them.
    static func dataConstants(_ data: PyTorchExportData) -> [String] {
        switch data {
        case .playground(_, let features, _):
            return ["FEATURES = [" + features.map(pythonString).joined(separator: ", ") + "]  # the network's inputs, computed from each point"]
        case .fashionMNIST(let folder, let limit, _):
            return ["FASHION_MNIST = Path(\(pythonString(folder)))",
                    "LIMIT = \(limit.map(String.init) ?? "None")  # Backprop's `limit`: the first images of each part (None: all)"]
        case .fashionAutoencoder(let folder, let limit, let heldOut, let noise):
            return ["FASHION_MNIST = Path(\(pythonString(folder)))",
                    "LIMIT = \(limit.map(String.init) ?? "None")  # Backprop's `limit`: the first images of each part (None: all)",
                    "HOLDOUT = \(heldOut.map(String.init) ?? "None")  # Backprop's `holdout`: a class left out of both parts (None: every class)",
                    "NOISE = \(pythonNumber(noise))  # standard deviation of the noise on the inputs (Backprop's noise / 100)"]
        case .digits(let path):
            return ["DIGITS = Path(\(pythonString(path)))"]
        case .words(let path, let length):
            return ["WORD_LIST = Path(\(pythonString(path)))", "SEQUENCE_LENGTH = \(length)  # tokens per window"]
        case .copy(let symbols):
            return ["SYMBOLS = \(symbols)  # symbols shown, then recalled"]
        case .adding, .reversal:
            return []
        }
    }

    /// Docstring lines that say where the data comes from.
    static func dataDocumentation(_ data: PyTorchExportData, companion: String?) -> [String] {
        let file = docstringText(companion ?? "")
        switch data {
        case .playground(let dataset, _, _):
            return ["Data: the Playground's \(docstringText(dataset)) set. Backprop generates and splits its points with",
                    "its own seeded random numbers, so the points are in \(file), written beside",
                    "this script; the features are computed here, as the engine computes them."]
        case .fashionMNIST(let folder, _, let augment):
            return ["Data: Fashion-MNIST's IDX files in \(docstringText(folder)), scaled to [0, 1];",
                    "the test images are the validation set, as in Backprop."
                    + (augment ? " Training images are shifted and mirrored as Backprop's augment=on does." : "")]
        case .fashionAutoencoder(let folder, _, _, let noise):
            let lines = ["Data: Fashion-MNIST's IDX files in \(docstringText(folder)), scaled to [0, 1]; each image is its own",
                         "target, and the test images are the validation set, as in Backprop."]
            guard noise > 0 else { return lines }
            return lines + ["The inputs are noisy: fresh noise for every training batch, and Backprop's own noisy",
                            "validation inputs from \(file), written beside this script."]
        case .digits(let path):
            return ["Data: the 8x8 digits in \(docstringText(path)), scaled to [0, 1]. Backprop splits",
                    "them with its own seeded shuffle; \(file), written beside this script, lists the rows",
                    "of each part."]
        case .words(let path, _):
            return ["Data: the word list \(docstringText(path)), cut into windows of character ids as Backprop",
                    "does. Backprop splits the words with its own seeded shuffle; \(file), written beside",
                    "this script, lists the words of each part."]
        case .adding, .copy, .reversal:
            return ["Data: sequences Backprop generated with its own seeded random numbers; their inputs are in",
                    "\(file), written beside this script, and the targets are computed here."]
        }
    }

    static func dataSection(_ plan: PyTorchExportPlan) -> String {
        switch plan.data {
        case .playground(_, _, let regression): playgroundData(regression: regression)
        case .fashionMNIST(_, _, let augment): fashionMNISTData(augment: augment)
        case .fashionAutoencoder: fashionMNISTFiles + "\n\n\n" + reconstructionData
        case .digits: digitsData
        case .words: wordsData
        case .adding: generatedData(#"""
            """The adding problem: each step holds (a value in [0, 1), a marker); two steps are
            marked, and the target is the sum of their values."""
            """#, targets: "(inputs[:, :, 0] * inputs[:, :, 1]).sum(dim=1, keepdim=True)", tokens: false)
        case .copy: generatedData(#"""
            """The copy task: symbols (ids 2...), blank steps (0), the recall cue (1); the targets are
            the symbols shown, as classes 0..., answered at the last SYMBOLS steps."""
            """#, targets: "inputs[:, :SYMBOLS] - 2", tokens: true)
        case .reversal(let sorts): generatedData(#"""
            """Sequences of digits whose targets are the same digits \#(sorts ? "sorted" : "reversed")."""
            """#, targets: sorts ? "inputs.sort(dim=1).values" : "inputs.flip(1)", tokens: true)
        }
    }

    private static func playgroundData(regression: Bool) -> String {
        #"""
        def feature_columns(points):
            """The network's inputs for points (x1, x2): the chosen features, computed in float64
            and rounded to float32, as Backprop computes them."""
            x1, x2 = points[:, 0].double(), points[:, 1].double()
            every = {"x1": x1, "x2": x2, "x1sq": x1 * x1, "x2sq": x2 * x2, "x1x2": x1 * x2,
                     "sinx1": torch.sin(x1), "sinx2": torch.sin(x2)}
            return torch.stack([every[name] for name in FEATURES], dim=1).float()


        def load_data():
            """(inputs, targets) for training and validation: the generated points as Backprop split
            them, \#(regression ? "with their regression targets" : "with their class indices")."""
            points = read_safetensors(COMPANION)

            def part(name):
                labels = points[f"{name}.labels"]
                return feature_columns(points[f"{name}.points"]), \#(regression ? "labels.reshape(-1, 1)" : "labels.long()")

            return part("train"), part("validation")
        """#
    }

    private static func fashionMNISTData(augment: Bool) -> String {
        let augmentation = !augment ? "" : #"""


        def augment(images):
            """Backprop's augment=on, drawn afresh for every batch: each image shifted by up to 2
            pixels each way (zeros fill in), then mirrored left to right half of the time."""
            shift = 2
            padded = F.pad(images, (shift, shift, shift, shift))
            height, width = images.shape[-2:]
            result = torch.empty_like(images)
            for index in range(len(images)):
                dx, dy = torch.randint(-shift, shift + 1, (2,)).tolist()
                image = padded[index, :, shift - dy:shift - dy + height, shift - dx:shift - dx + width]
                result[index] = image.flip(-1) if torch.rand(()) < 0.5 else image
            return result
        """#
        return fashionMNISTFiles + #"""



        def load_data():
            """(inputs, targets) for training and validation: the training images, and the test images."""
            return fashion_mnist("train"), fashion_mnist("t10k")\#(augmentation)
        """#
    }

    private static let fashionMNISTFiles = #"""
        def read_idx(path):
            """An IDX file, gzip-compressed: a magic number whose last byte counts the dimensions,
            each dimension's size as a big-endian 32-bit integer, then the values as unsigned bytes."""
            with gzip.open(path, "rb") as file:
                data = file.read()
            dimensions = data[3]
            shape = struct.unpack(f">{dimensions}I", data[4:4 + 4 * dimensions])
            return torch.frombuffer(bytearray(data[4 + 4 * dimensions:]), dtype=torch.uint8).reshape(shape)


        def fashion_mnist(part):
            """One part's first LIMIT images as [N, 1, 28, 28] scaled to [0, 1] (pixel / 255), and their labels."""
            images = read_idx(FASHION_MNIST / f"{part}-images-idx3-ubyte.gz")[:LIMIT]
            labels = read_idx(FASHION_MNIST / f"{part}-labels-idx1-ubyte.gz")[:LIMIT]
            return images.float().div(255).unsqueeze(1), labels.long()
        """#

    private static let reconstructionData = #"""
        def add_noise(images):
            """Backprop's noise: Gaussian noise of standard deviation NOISE on every pixel, clipped to
            [0, 1], drawn afresh for every training batch (by torch, not by Backprop's generator)."""
            return (images + NOISE * torch.randn_like(images)).clamp(0, 1)


        def load_data():
            """(inputs, targets) for training and validation: each image with itself, flattened, as its
            target; HOLDOUT's images left out of both parts. With NOISE, validation's inputs are
            Backprop's own noisy images, from the companion file."""
            def part(name):
                images, labels = fashion_mnist(name)
                if HOLDOUT is not None:
                    images = images[labels != HOLDOUT]
                return images, images.flatten(1)

            train, validation = part("train"), part("t10k")
            if NOISE > 0:
                validation = (read_safetensors(COMPANION)["validation.inputs"], validation[1])
            return train, validation
        """#

    private static let digitsData = #"""
    def read_digits(path):
        """Every row of the CSV (64 pixel counts 0-16, then the digit), blank lines skipped; the
        pixels scaled to [0, 1] (count / 16)."""
        rows = []
        with gzip.open(path, "rt", encoding="utf-8") as file:
            for line in file:
                line = line.rstrip("\n").rstrip("\r")
                if line.strip(" "):
                    rows.append([float(field) for field in line.split(",")])
        table = torch.tensor(rows, dtype=torch.float32)
        return table[:, :64] / 16, table[:, 64].long()


    def load_data():
        """(inputs, targets) for training and validation: the rows of each part as Backprop's
        seeded shuffle chose them (listed in the companion file)."""
        pixels, labels = read_digits(DIGITS)
        split = read_safetensors(COMPANION)

        def part(name):
            rows = split[f"{name}.rows"].long()
            return pixels[rows], labels[rows]

        return part("train"), part("validation")
    """#

    private static let wordsData = #"""
    END_OF_WORD = "\n"  # token 0: ends every word
    UNKNOWN = "\ufffd"  # stands for the rarest characters of a list with more than 127
    MOST_TOKENS = 128


    def read_words(path):
        """The word list's non-empty lines, trimmed, in file order."""
        text = Path(path).read_bytes().decode("utf-8", errors="replace")
        return [word for word in (line.strip() for line in text.splitlines()) if word]


    def vocabulary_of(words):
        """Token ids as Backprop assigns them: 0 ends a word, then the training words' characters
        in sorted order. Beyond MOST_TOKENS - 1 characters, the most frequent keep their own ids
        and the rest share UNKNOWN, the last id. Returns (characters, UNKNOWN's id or None)."""
        counts = collections.Counter(character for word in words for character in word)
        counts.pop(END_OF_WORD, None)
        if len(counts) <= MOST_TOKENS - 1:
            return [END_OF_WORD] + sorted(counts), None
        frequent = sorted(counts, key=lambda character: (-counts[character], character))[:MOST_TOKENS - 2]
        characters = [END_OF_WORD] + sorted(c for c in frequent if c != UNKNOWN) + [UNKNOWN]
        return characters, len(characters) - 1


    def encode(words, characters, unknown):
        """One stream of ids: an end of word first, then each word's characters and an end of word.
        A character the vocabulary lacks becomes UNKNOWN's id when there is one, else is left out."""
        ids = {character: index for index, character in enumerate(characters)}
        stream = [0]
        for word in words:
            for character in word:
                token = ids.get(character, unknown)
                if token is not None:
                    stream.append(token)
            stream.append(0)
        return stream


    def windows(stream):
        """Non-overlapping windows of SEQUENCE_LENGTH ids; each target is the id after its input."""
        count = len(range(0, len(stream) - SEQUENCE_LENGTH, SEQUENCE_LENGTH))
        ids = torch.tensor(stream)
        inputs = ids[:count * SEQUENCE_LENGTH].reshape(count, SEQUENCE_LENGTH)
        targets = ids[1:count * SEQUENCE_LENGTH + 1].reshape(count, SEQUENCE_LENGTH)
        return inputs, targets


    def load_data():
        """(inputs, targets) for training and validation: the words of each part as Backprop's
        seeded shuffle chose them (listed in the companion file), with the training words'
        vocabulary."""
        words = read_words(WORD_LIST)
        split = read_safetensors(COMPANION)
        train_words = [words[index] for index in split["train.words"].long().tolist()]
        validation_words = [words[index] for index in split["validation.words"].long().tolist()]
        characters, unknown = vocabulary_of(train_words)
        return windows(encode(train_words, characters, unknown)), windows(encode(validation_words, characters, unknown))
    """#

    private static func generatedData(_ docstring: String, targets: String, tokens: Bool) -> String {
        #"""
        def make_targets(inputs):
            \#(docstring.split(separator: "\n").joined(separator: "\n    "))
            return \#(targets)


        def load_data():
            """(inputs, targets) for training and validation: Backprop's generated inputs (from the
            companion file) and the targets they imply."""
            tensors = read_safetensors(COMPANION)

            def part(name):
                inputs = tensors[f"{name}.inputs"]\#(tokens ? ".long()" : "")
                return inputs, make_targets(inputs)

            return part("train"), part("validation")
        """#
    }
}
