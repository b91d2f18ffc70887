"""Helpers for the Lambda boto3 tests: in-memory zips and functions with unique names."""
import io
import zipfile

ROLE = "arn:aws:iam::000000000000:role/lambda-role"


def zip_of(files, executable=()):
    """A zip of {name: text}; names in `executable` get mode 0755 (e.g. a custom runtime's bootstrap)."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, text in files.items():
            info = zipfile.ZipInfo(name)
            info.create_system = 3
            info.external_attr = (0o100755 if name in executable else 0o100644) << 16
            z.writestr(info, text)
    return buf.getvalue()


def zip_dir(root):
    """A zip of a whole folder (vendored dependencies and the app), as users package them."""
    import os

    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for dirpath, _, filenames in os.walk(root):
            for filename in filenames:
                full = os.path.join(dirpath, filename)
                z.write(full, os.path.relpath(full, root))
    return buf.getvalue()
