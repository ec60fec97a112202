# The two commands: `make run` and `make test`. Everything else is a helper for them.
PORT ?= 8080
DB ?= sqlite:data/danchu.db
JOBS ?= $(shell nproc)

.PHONY: run test deps test-deps build build-asan clean

run: deps build
	./scripts/run-server "$(DB)" "$(PORT)"

test: test-deps
	./scripts/test-all

deps:
	./scripts/install-deps

test-deps:
	./scripts/install-deps --test

build:
	cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release
	cmake --build build -j $(JOBS)

build-asan:
	cmake -S . -B build-asan -G Ninja -DCMAKE_BUILD_TYPE=Debug -DDANCHU_SANITIZE=ON -DDANCHU_BENCH=OFF
	cmake --build build-asan -j $(JOBS)

clean:
	rm -rf build build-asan build-fuzz
