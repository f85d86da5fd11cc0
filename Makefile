# Thin wrapper over CMake + CTest.
BUILD    ?= build
ASAN_BUILD ?= build-asan
JOBS     ?= $(shell nproc)
AVSIM     = $(BUILD)/avsim

.PHONY: all deps build run check check-asan check-diff bench format clean

all: build

deps:
	@scripts/install-deps

$(BUILD)/CMakeCache.txt:
	cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=Release

build: $(BUILD)/CMakeCache.txt
	cmake --build $(BUILD) -j $(JOBS)

# Build and run the bundled demo guest: banner, an exception taken and returned from, PSCI power-off.
run: deps build
	$(AVSIM) -M virt,virtualization=on,gic-version=3 -cpu max -m 128M -nographic \
	    -kernel $(BUILD)/guest/demo.elf

# All tests: the normal build, then once more under ASan + UBSan.
check: deps build
	cd $(BUILD) && ctest --output-on-failure -j $(JOBS)
	$(MAKE) check-asan

check-asan:
	cmake -S . -B $(ASAN_BUILD) -DCMAKE_BUILD_TYPE=Debug -DAVSIM_SANITIZE=ON
	cmake --build $(ASAN_BUILD) -j $(JOBS)
	cd $(ASAN_BUILD) && ctest --output-on-failure -j $(JOBS) -L asan

# Long differential test against QEMU: DIFF_COUNT random instructions of every class
# (tests/diff/README.md). The seed is printed; DIFF_SEED=N replays a run.
DIFF_SEED  ?= $(shell date +%s)
DIFF_COUNT ?= 10M
check-diff: deps build
	tests/diff/run-diff.sh $(AVSIM) $(DIFF_SEED) $(DIFF_COUNT) all

bench: deps build
	scripts/bench $(AVSIM) $(BUILD)/guest/bench.elf

# Generated test vectors (tests/unit/*_vectors.h) stay byte for byte as their generators write them.
format:
	clang-format -i $$(git ls-files '*.c' '*.h' | grep -v '_vectors\.h$$')

clean:
	rm -rf $(BUILD) $(ASAN_BUILD)
