-- CreateTable
CREATE TABLE "users" ("id" INTEGER, "email" TEXT);
