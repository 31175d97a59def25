"""Skills from text: JobTech Taxonomy skills suggested from job ads, learning outcomes and free descriptions."""
