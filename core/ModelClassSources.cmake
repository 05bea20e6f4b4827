# The native model's classes, the ones loadModelFile rebuilds from a .asmodel file, listed once
# (relative to core/; the recurrent loop needs BLAS linked, the oneDNN layers DNNL::dnnl): core
# builds them, and the fuzz build (tests/fuzz) compiles them instrumented for its model-file
# fuzzer. A new attention variant goes here and reaches both.
set(STUDIO_MODEL_CLASS_SOURCES
  model/ModelConfig.h model/ModelConfig.cpp
  model/Attention.h model/Attention.cpp
  model/AdditiveAttention.h model/AdditiveAttention.cpp
  model/TanhDenseAttention.h model/TanhDenseAttention.cpp
  model/PositionalBiasAttention.h model/PositionalBiasAttention.cpp
  model/DotAttention.h model/DotAttention.cpp
  model/SelfAttention.h model/SelfAttention.cpp
  model/QueryDotAttention.h model/QueryDotAttention.cpp
  model/PerFeatureAttention.h model/PerFeatureAttention.cpp
  model/LastStateReadout.h model/LastStateReadout.cpp
  model/SequenceEncoder.h model/SequenceEncoder.cpp
  model/RecurrentThroughTime.h model/RecurrentThroughTime.cpp
  model/RecurrentSteps.h model/RecurrentSteps.cpp model/GateActivations.h
  model/Nonlinearity.h model/ClippedNonlinearities.h model/ClippedNonlinearities.cpp
  model/OneDnnRecurrent.h model/OneDnnRecurrent.cpp
  model/SeededDropout.h model/SeededDropout.cpp
  model/AttentionModel.h model/AttentionModel.cpp
)
