-- CreateTable
CREATE TABLE "audit" ("id" INTEGER);

-- CreateIndex
CREATE UNIQUE INDEX "users_email_key" ON "users"("email");
