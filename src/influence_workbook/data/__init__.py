"""The course's fictional sample data: generator, loaders, schema and the learner's CSV importer."""
