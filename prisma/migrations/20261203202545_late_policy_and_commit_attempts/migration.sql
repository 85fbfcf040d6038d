-- CreateEnum
CREATE TYPE "LatePostPolicy" AS ENUM ('PUBLISH', 'FAIL');

-- AlterTable
ALTER TABLE "organizations" ADD COLUMN     "lateAfterMinutes" INTEGER NOT NULL DEFAULT 60,
ADD COLUMN     "latePostPolicy" "LatePostPolicy" NOT NULL DEFAULT 'FAIL';

-- AlterTable
ALTER TABLE "posts" ADD COLUMN     "commitStartedAt" TIMESTAMPTZ(3),
ADD COLUMN     "preparedState" JSONB;
