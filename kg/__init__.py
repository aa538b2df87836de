"""China-Russia relations knowledge graph: the extraction pipeline (no web code in this package).

Data flows one way: documents -> normalised text -> records -> RDF -> store. See docs/architecture.md.
"""

__version__ = "0.1.0"
