public enum BackpropLessonsModule {}
