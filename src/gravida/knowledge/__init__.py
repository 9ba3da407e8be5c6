"""The knowledge pack: clinical data (YAML) and its validated, loaded form."""

from gravida.knowledge.load import Pack, PackError, default_pack, load_pack

__all__ = ["Pack", "PackError", "default_pack", "load_pack"]
