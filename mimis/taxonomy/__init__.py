"""Skills, occupations, industries, education fields and levels (JobTech Taxonomy, ESCO) and EQF/SeQF."""
