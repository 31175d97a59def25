"""Importers: each reads one source's files into records; ``base.sync`` writes them in one go."""
