"""The glossary's vocabulary, shared by every layer: the enumerations (casus.vocabulary.enums)
and the values of a case line in the corpus format (casus.vocabulary.corpus_format).

It sits at the ground with `casus.errors`: the window shows these values, the pseudonymiser
reads them, the database stores them; none of those needs the ORM (casus.model) to do so.
"""
